using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// A question already answered, read-only (no buttons left to click twice): a translation of
/// <see cref="AnsweredCardModel"/>, each section one element with the id <c>ng-</c> and its kind.
/// </summary>
internal static class AnsweredCard
{
    public static RawJson Render(AnsweredQuestionReply answered) => Render(AnsweredCardModel.Build(answered));

    /// <summary>From the model the caller already built (for the activity's summary), so it is built once.</summary>
    public static RawJson Render(Card card)
    {
        using var writer = CardJsonWriter.Start();
        var json = writer.Json;
        AdaptiveElements.StartCard(json, string.Join(" ", card.Words));
        foreach (var section in card.Sections)
        {
            var id = GuidanceCard.SectionId(section.Kind);
            var text = section.Lines[0].Text;
            switch (section.Kind)
            {
                case CardSectionKind.Banner:
                    CaseBanner.Write(json, text, id);
                    break;
                case CardSectionKind.Answer:
                    AdaptiveElements.TextContainer(json, id, text, size: "Medium", weight: "Bolder", color: "Good");
                    break;
                case CardSectionKind.AnsweredBy:
                    AdaptiveElements.TextContainer(json, id, text, size: "Small", subtle: true);
                    break;
                default:
                    AdaptiveElements.TextContainer(json, id, text, subtle: true);
                    break;
            }
        }

        AdaptiveElements.EndCard(json);
        return writer.ToRawJson();
    }
}
