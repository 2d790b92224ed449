using System.Text.Json.Nodes;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Teams.Cards;

/// <summary>A question already answered, read-only: no buttons left to click twice, and who answered it.</summary>
internal static class AnsweredCard
{
    public static JsonObject Render(AnsweredQuestionReply answered, string? ownerName)
    {
        var body = new JsonArray();
        CaseBanner.AddTo(body, ownerName);
        body.Add(AdaptiveElements.TextBlock(answered.Text, subtle: true));
        body.Add(AdaptiveElements.TextBlock($"✓ {answered.AnswerTitle}", size: "Medium", weight: "Bolder", color: "Good"));
        if (!string.IsNullOrWhiteSpace(answered.AnsweredBy))
        {
            body.Add(AdaptiveElements.TextBlock($"Answered by {answered.AnsweredBy}", size: "Small", subtle: true));
        }

        var by = string.IsNullOrWhiteSpace(answered.AnsweredBy) ? "" : $" (answered by {answered.AnsweredBy})";
        return AdaptiveElements.Card($"{answered.Text} — {answered.AnswerTitle}{by}", body);
    }
}
