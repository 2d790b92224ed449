using System.Text.Json.Nodes;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// The "Alex's case" line that tops every card in a group (worded by the card model), highlighted so people in a
/// supervision chat never mistake someone else's walkthrough for theirs.
/// </summary>
internal static class CaseBanner
{
    public static JsonObject Container(string banner, string? id = null) =>
        AdaptiveElements.Container(
            [AdaptiveElements.TextBlock(banner, size: "Medium", weight: "Bolder", color: "Accent")], id: id, style: "emphasis");
}
