using System.Text.Json;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// The "Alex's case" line that tops every card in a group (worded by the card model), highlighted so people in a
/// supervision chat never mistake someone else's walkthrough for theirs.
/// </summary>
internal static class CaseBanner
{
    public static void Write(Utf8JsonWriter json, string banner, string? id = null)
    {
        AdaptiveElements.StartContainer(json);
        AdaptiveElements.TextBlock(json, banner, size: "Medium", weight: "Bolder", color: "Accent");
        AdaptiveElements.EndContainer(json, id, style: "emphasis");
    }
}
