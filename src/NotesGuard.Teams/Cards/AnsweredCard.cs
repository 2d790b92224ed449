using System.Text.Json.Nodes;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// A question already answered, read-only (no buttons left to click twice): a translation of
/// <see cref="AnsweredCardModel"/>, each section one element with the id <c>ng-</c> and its kind.
/// </summary>
internal static class AnsweredCard
{
    public static JsonObject Render(AnsweredQuestionReply answered)
    {
        var card = AnsweredCardModel.Build(answered);
        var body = new JsonArray();
        foreach (var section in card.Sections)
        {
            var id = GuidanceCard.SectionId(section.Kind);
            var text = section.Lines[0].Text;
            body.Add(section.Kind switch
            {
                CardSectionKind.Banner => CaseBanner.Container(text, id),
                CardSectionKind.Answer => AdaptiveElements.Container([AdaptiveElements.TextBlock(text, size: "Medium", weight: "Bolder", color: "Good")], id: id),
                CardSectionKind.AnsweredBy => AdaptiveElements.Container([AdaptiveElements.TextBlock(text, size: "Small", subtle: true)], id: id),
                _ => AdaptiveElements.Container([AdaptiveElements.TextBlock(text, subtle: true)], id: id),
            });
        }

        return AdaptiveElements.Card(string.Join(" ", card.Words), body);
    }
}
