using System.Globalization;
using System.Text.Json.Nodes;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// The documents offered after a guidance card, as an Adaptive Card: a translation of <see cref="DocumentsCardModel"/>.
/// Each document is a container (title, opening lines) with its actions: Action.OpenUrl for the Word and text
/// downloads, and "Read it here" as an engine button, which answers with the document's text in the chat.
/// </summary>
internal sealed class DocumentsCard(CardButtons buttons)
{
    public JsonObject Render(DocumentsReply reply)
    {
        var card = DocumentsCardModel.Build(reply);
        var body = new JsonArray();
        var documents = 0;
        foreach (var section in card.Sections)
        {
            var id = GuidanceCard.SectionId(section.Kind);
            body.Add(section.Kind switch
            {
                CardSectionKind.Heading => AdaptiveElements.Container([AdaptiveElements.TextBlock(section.Lines[0].Text, size: "Large", weight: "Bolder")], id: id),
                CardSectionKind.Document => Document(section, $"{id}-{(++documents).ToString(CultureInfo.InvariantCulture)}"),
                _ => AdaptiveElements.Container([.. section.Lines.Select(l => (JsonNode)AdaptiveElements.TextBlock(l.Words, subtle: true))], id: id),
            });
        }

        return AdaptiveElements.Card(string.Join(" ", card.Words), body);
    }

    // Element ids must be unique in a card, so each document's container is numbered.
    private JsonObject Document(CardSection section, string id)
    {
        var items = new JsonArray { AdaptiveElements.TextBlock(section.Label!, weight: "Bolder") };
        foreach (var line in DocumentsCardModel.Text(section))
        {
            items.Add(AdaptiveElements.TextBlock(line.Text, size: "Small", subtle: true, spacing: "None"));
        }

        var actions = new JsonArray();
        foreach (var line in section.Lines)
        {
            if (line.Url is not null)
            {
                actions.Add(AdaptiveElements.OpenUrl(line.Text, line.Url));
            }
            else if (line.Button is not null)
            {
                actions.Add(buttons.Action(line.Button));
            }
        }

        items.Add(AdaptiveElements.ActionSet(actions, spacing: "Small"));
        return AdaptiveElements.Container(items, id: id, style: "emphasis", spacing: "Medium");
    }
}
