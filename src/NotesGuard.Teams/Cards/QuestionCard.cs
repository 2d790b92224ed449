using System.Text.Json;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;
using NotesGuard.Teams.Schema;

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

    public RawJson Render(QuestionReply question) => Render(question, QuestionCardModel.Build(question));

    /// <summary>From the model the caller already built (for the activity's summary), so it is built once.</summary>
    public RawJson Render(QuestionReply question, Card card)
    {
        using var writer = CardJsonWriter.Start();
        var json = writer.Json;
        AdaptiveElements.StartCard(json, string.Join(" ", card.Words));
        foreach (var section in card.Sections)
        {
            Section(json, section, $"why-{question.QuestionId}");
        }

        AdaptiveElements.EndCard(json, buttons, card.Actions);
        return writer.ToRawJson();
    }

    private void Section(Utf8JsonWriter json, CardSection section, string whyId)
    {
        var id = GuidanceCard.SectionId(section.Kind);
        var text = section.Lines.Count > 0 ? section.Lines[0].Text : "";
        switch (section.Kind)
        {
            case CardSectionKind.Banner:
                CaseBanner.Write(json, text, id);
                break;
            case CardSectionKind.Progress:
                AdaptiveElements.TextContainer(json, id, text, size: "Small", subtle: true);
                break;
            case CardSectionKind.Notice:
                AdaptiveElements.TextContainer(json, id, text, color: "Warning");
                break;
            case CardSectionKind.Question:
                AdaptiveElements.TextContainer(json, id, text, size: "Medium", weight: "Bolder");
                break;
            case CardSectionKind.Choices:
                // Teams shows at most 5 actions in one set (the requester question has 7 choices): one set per 5.
                AdaptiveElements.StartContainer(json);
                foreach (var set in section.Lines.Chunk(MaxActionsPerSet))
                {
                    AdaptiveElements.StartActionSet(json);
                    foreach (var line in set)
                    {
                        buttons.WriteAction(json, line.Button!);
                    }

                    AdaptiveElements.EndActionSet(json);
                }

                AdaptiveElements.EndContainer(json, id);
                break;
            case CardSectionKind.Why:
                AdaptiveElements.StartContainer(json);
                AdaptiveElements.ToggleVisibilitySet(json, section.Label ?? WhyToggleTitle, whyId);
                AdaptiveElements.StartContainer(json);
                AdaptiveElements.TextBlock(json, text);
                AdaptiveElements.EndContainer(json, whyId, style: "emphasis", visible: false);
                AdaptiveElements.EndContainer(json, id);
                break;
            default:
                AdaptiveElements.WordsContainer(json, id, section.Lines);
                break;
        }
    }
}
