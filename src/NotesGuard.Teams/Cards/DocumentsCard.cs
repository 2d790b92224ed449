using System.Globalization;
using System.Text.Json;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// The documents offered after a guidance card, as an Adaptive Card: a translation of <see cref="DocumentsCardModel"/>.
/// Each document is a container (title, opening lines) with its actions: Action.OpenUrl for the Word and text
/// downloads, and "Read it here" as an engine button, which answers with the document's text in the chat.
/// </summary>
internal sealed class DocumentsCard(CardButtons buttons)
{
    public RawJson Render(DocumentsReply reply) => Render(DocumentsCardModel.Build(reply));

    /// <summary>From the model the caller already built (for the activity's summary), so it is built once.</summary>
    public RawJson Render(Card card)
    {
        using var writer = CardJsonWriter.Start();
        var json = writer.Json;
        AdaptiveElements.StartCard(json, string.Join(" ", card.Words));
        var documents = 0;
        foreach (var section in card.Sections)
        {
            var id = GuidanceCard.SectionId(section.Kind);
            switch (section.Kind)
            {
                case CardSectionKind.Heading:
                    AdaptiveElements.TextContainer(json, id, section.Lines[0].Text, size: "Large", weight: "Bolder");
                    break;
                case CardSectionKind.Document:
                    // Element ids must be unique in a card, so each document's container is numbered.
                    Document(json, section, $"{id}-{(++documents).ToString(CultureInfo.InvariantCulture)}");
                    break;
                default:
                    AdaptiveElements.StartContainer(json);
                    foreach (var line in section.Lines)
                    {
                        AdaptiveElements.TextBlock(json, line.Words, subtle: true);
                    }

                    AdaptiveElements.EndContainer(json, id);
                    break;
            }
        }

        AdaptiveElements.EndCard(json);
        return writer.ToRawJson();
    }

    private void Document(Utf8JsonWriter json, CardSection section, string id)
    {
        AdaptiveElements.StartContainer(json);
        AdaptiveElements.TextBlock(json, section.Label!, weight: "Bolder");
        foreach (var line in DocumentsCardModel.Text(section))
        {
            AdaptiveElements.TextBlock(json, line.Text, size: "Small", subtle: true, spacing: "None");
        }

        AdaptiveElements.StartActionSet(json);
        foreach (var line in section.Lines)
        {
            if (line.Url is not null)
            {
                AdaptiveElements.OpenUrl(json, line.Text, line.Url);
            }
            else if (line.Button is not null)
            {
                buttons.WriteAction(json, line.Button);
            }
        }

        AdaptiveElements.EndActionSet(json, spacing: "Small");
        AdaptiveElements.EndContainer(json, id, style: "emphasis", spacing: "Medium");
    }
}
