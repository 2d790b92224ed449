using System.Text.Json.Nodes;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// The "Alex's case" line that tops every card in a group conversation, so people in a supervision chat
/// never mistake someone else's walkthrough for theirs.
/// </summary>
internal static class CaseBanner
{
    public static void AddTo(JsonArray body, string? ownerName)
    {
        if (string.IsNullOrWhiteSpace(ownerName))
        {
            return;
        }

        body.Add(AdaptiveElements.Container(
            [AdaptiveElements.TextBlock(CardText.CaseOf(ownerName), size: "Medium", weight: "Bolder", color: "Accent")],
            style: "emphasis"));
    }

    public static string Prefix(string? ownerName) =>
        string.IsNullOrWhiteSpace(ownerName) ? "" : CardText.CaseOf(ownerName) + " — ";
}
