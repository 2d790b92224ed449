using System.Text.Json.Nodes;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// A question: whose case (in groups), progress, the question, its choices as buttons, a "Why am I asked
/// this?" toggle that reveals the rulebook's reason without a round trip, and Back/Restart.
/// </summary>
internal sealed class QuestionCard(CardButtons buttons)
{
    public const string WhyToggleTitle = CardWords.Why;

    private const int MaxActionsPerSet = 5;

    public JsonObject Render(QuestionReply question)
    {
        var body = new JsonArray();
        CaseBanner.AddTo(body, question.OwnerName);
        body.Add(AdaptiveElements.TextBlock(question.ProgressText, size: "Small", subtle: true));
        if (!string.IsNullOrWhiteSpace(question.Notice))
        {
            body.Add(AdaptiveElements.TextBlock(question.Notice, color: "Warning"));
        }

        body.Add(AdaptiveElements.TextBlock(question.Text, size: "Medium", weight: "Bolder"));
        // Teams shows at most 5 actions in one set (the requester question has 7 choices): one set per 5.
        foreach (var set in question.Choices.Chunk(MaxActionsPerSet))
        {
            body.Add(AdaptiveElements.ActionSet(buttons.Actions(set)));
        }

        var whyId = $"why-{question.QuestionId}";
        body.Add(AdaptiveElements.Container([AdaptiveElements.TextBlock(question.Why)], id: whyId, style: "emphasis", visible: false));

        var actions = new JsonArray { AdaptiveElements.ToggleVisibility(WhyToggleTitle, whyId) };
        foreach (var navigation in question.Navigation)
        {
            actions.Add(buttons.Action(navigation));
        }

        var choices = string.Join(" / ", question.Choices.Select(c => c.Title));
        return AdaptiveElements.Card($"{CaseBanner.Prefix(question.OwnerName)}{question.ProgressText}: {question.Text} ({choices})", body, actions);
    }
}
