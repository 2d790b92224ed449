using System.Text.Json.Nodes;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// The review before the guidance as an Adaptive Card: a translation of <see cref="ReviewCardModel"/>, each
/// section one element with the id <c>ng-</c> and its kind; each answer in a row with its Change button.
/// </summary>
internal sealed class ReviewCard(CardButtons buttons)
{
    public JsonObject Render(ReviewReply review)
    {
        var card = ReviewCardModel.Build(review);
        var body = new JsonArray();
        foreach (var section in card.Sections)
        {
            var id = GuidanceCard.SectionId(section.Kind);
            body.Add(section.Kind switch
            {
                CardSectionKind.Banner => CaseBanner.Container(section.Lines[0].Text, id),
                CardSectionKind.Heading => AdaptiveElements.Container([AdaptiveElements.TextBlock(section.Lines[0].Text, size: "Large", weight: "Bolder")], id: id),
                CardSectionKind.Answers => AdaptiveElements.Container([.. section.Lines.Select(Answer)], id: id),
                _ => AdaptiveElements.Container([.. section.Lines.Select(l => (JsonNode)AdaptiveElements.TextBlock(l.Words))], id: id),
            });
        }

        return AdaptiveElements.Card(string.Join(" ", card.Words), body, buttons.Actions(card.Actions));
    }

    private JsonNode Answer(CardLine line)
    {
        var text = new JsonArray { AdaptiveElements.TextBlock(line.Text, size: "Small", subtle: true) };
        if (line.Detail is not null)
        {
            text.Add(AdaptiveElements.TextBlock(line.Detail, weight: "Bolder", spacing: "None"));
        }

        var row = new List<JsonObject> { AdaptiveElements.Column("stretch", text) };
        if (line.Button is not null)
        {
            row.Add(AdaptiveElements.Column("auto", [AdaptiveElements.ActionSet([buttons.Action(line.Button)])], verticalContentAlignment: "Center"));
        }

        return AdaptiveElements.ColumnSet([.. row]);
    }
}
