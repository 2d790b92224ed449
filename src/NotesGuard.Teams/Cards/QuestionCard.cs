using System.Text.Json.Nodes;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// A question as an Adaptive Card: a translation of <see cref="QuestionCardModel"/>. Each section is one
/// top-level element with the id <c>ng-</c> and its kind (the why section's folded text gets its own id). Only
/// the styling is chosen here: choices as buttons, at most five to a row (Teams shows no more), and the reason
/// folded behind a toggle so it opens without a round trip.
/// </summary>
internal sealed class QuestionCard(CardButtons buttons)
{
    public const string WhyToggleTitle = CardWords.Why;

    private const int MaxActionsPerSet = 5;

    public JsonObject Render(QuestionReply question)
    {
        var card = QuestionCardModel.Build(question);
        var body = new JsonArray();
        foreach (var section in card.Sections)
        {
            body.Add(Section(section, $"why-{question.QuestionId}"));
        }

        return AdaptiveElements.Card(string.Join(" ", card.Words), body, buttons.Actions(card.Actions));
    }

    private JsonObject Section(CardSection section, string whyId)
    {
        var id = GuidanceCard.SectionId(section.Kind);
        var text = section.Lines.Count > 0 ? section.Lines[0].Text : "";
        return section.Kind switch
        {
            CardSectionKind.Banner => CaseBanner.Container(text, id),
            CardSectionKind.Progress => AdaptiveElements.Container([AdaptiveElements.TextBlock(text, size: "Small", subtle: true)], id: id),
            CardSectionKind.Notice => AdaptiveElements.Container([AdaptiveElements.TextBlock(text, color: "Warning")], id: id),
            CardSectionKind.Question => AdaptiveElements.Container([AdaptiveElements.TextBlock(text, size: "Medium", weight: "Bolder")], id: id),
            // Teams shows at most 5 actions in one set (the requester question has 7 choices): one set per 5.
            CardSectionKind.Choices => AdaptiveElements.Container(
                [.. section.Lines.Chunk(MaxActionsPerSet).Select(set => (JsonNode)AdaptiveElements.ActionSet(buttons.Actions(set.Select(l => l.Button!))))], id: id),
            CardSectionKind.Why => AdaptiveElements.Container(
                [
                    AdaptiveElements.ActionSet([AdaptiveElements.ToggleVisibility(section.Label ?? WhyToggleTitle, whyId)]),
                    AdaptiveElements.Container([AdaptiveElements.TextBlock(text)], id: whyId, style: "emphasis", visible: false),
                ],
                id: id),
            _ => AdaptiveElements.Container([.. section.Lines.Select(l => (JsonNode)AdaptiveElements.TextBlock(l.Words))], id: id),
        };
    }
}
