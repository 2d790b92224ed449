using System.Text.Json;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// The review before the guidance as an Adaptive Card: a translation of <see cref="ReviewCardModel"/>, each
/// section one element with the id <c>ng-</c> and its kind; each answer in a row with its Change button.
/// </summary>
internal sealed class ReviewCard(CardButtons buttons)
{
    public RawJson Render(ReviewReply review) => Render(ReviewCardModel.Build(review));

    /// <summary>From the model the caller already built (for the activity's summary), so it is built once.</summary>
    public RawJson Render(Card card)
    {
        using var writer = CardJsonWriter.Start();
        var json = writer.Json;
        AdaptiveElements.StartCard(json, string.Join(" ", card.Words));
        foreach (var section in card.Sections)
        {
            var id = GuidanceCard.SectionId(section.Kind);
            switch (section.Kind)
            {
                case CardSectionKind.Banner:
                    CaseBanner.Write(json, section.Lines[0].Text, id);
                    break;
                case CardSectionKind.Heading:
                    AdaptiveElements.TextContainer(json, id, section.Lines[0].Text, size: "Large", weight: "Bolder");
                    break;
                case CardSectionKind.Answers:
                    AdaptiveElements.StartContainer(json);
                    foreach (var line in section.Lines)
                    {
                        Answer(json, line);
                    }

                    AdaptiveElements.EndContainer(json, id);
                    break;
                default:
                    AdaptiveElements.WordsContainer(json, id, section.Lines);
                    break;
            }
        }

        AdaptiveElements.EndCard(json, buttons, card.Actions);
        return writer.ToRawJson();
    }

    private void Answer(Utf8JsonWriter json, CardLine line)
    {
        AdaptiveElements.StartColumnSet(json);
        AdaptiveElements.StartColumn(json, "stretch");
        AdaptiveElements.TextBlock(json, line.Text, size: "Small", subtle: true);
        if (line.Detail is not null)
        {
            AdaptiveElements.TextBlock(json, line.Detail, weight: "Bolder", spacing: "None");
        }

        AdaptiveElements.EndColumn(json);
        if (line.Button is not null)
        {
            AdaptiveElements.StartColumn(json, "auto");
            AdaptiveElements.StartActionSet(json);
            buttons.WriteAction(json, line.Button);
            AdaptiveElements.EndActionSet(json);
            AdaptiveElements.EndColumn(json, verticalContentAlignment: "Center");
        }

        AdaptiveElements.EndColumnSet(json);
    }
}
