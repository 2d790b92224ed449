using System.Text.Json.Nodes;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// The guidance card as an Adaptive Card: a translation of <see cref="GuidanceCardModel"/>, which decides what the
/// card says and in which order. Each section becomes one top-level element whose id is <c>ng-</c> and the section's
/// kind; only the styling is chosen here (the verdict's colour from its tone, steps numbered in bold, helplines as
/// facts, the sources collapsed behind a toggle). Every plain string is escaped, since Teams reads TextBlocks as
/// markdown.
/// </summary>
internal sealed class GuidanceCard(CardButtons buttons)
{
    public const string SourcesToggleTitle = CardWords.Sources;

    private const string SourcesListId = "sources";

    public JsonObject Render(GuidanceCardReply reply)
    {
        var card = GuidanceCardModel.Build(reply);
        var body = new JsonArray();
        foreach (var section in card.Sections)
        {
            body.Add(Section(section));
        }

        return AdaptiveElements.Card(card.Spoken, body, buttons.Actions(card.Actions));
    }

    public static string SectionId(CardSectionKind kind) => "ng-" + kind.ToString().ToLowerInvariant();

    private static JsonObject Section(CardSection section)
    {
        var id = SectionId(section.Kind);
        return section.Kind switch
        {
            CardSectionKind.Banner => CaseBanner.Container(section.Lines[0].Text, id),
            CardSectionKind.Practice => AdaptiveElements.Container([AdaptiveElements.TextBlock(section.Lines[0].Text, size: "Small", subtle: true)], id: id),
            CardSectionKind.Headline => AdaptiveElements.Container([AdaptiveElements.TextBlock(section.Lines[0].Text, size: "Large", weight: "Bolder")], id: id),
            CardSectionKind.Verdict => AdaptiveElements.Container(
                [AdaptiveElements.TextBlock(section.Lines[0].Text, weight: "Bolder")],
                id: id,
                style: section.Tone == CardTone.Attention ? "attention" : "warning"),
            CardSectionKind.DoNow or CardSectionKind.Then => AdaptiveElements.Container(
                Labelled(section, [.. section.Lines.Select(Step)]), id: id, style: section.Kind == CardSectionKind.DoNow ? "emphasis" : null, spacing: "Medium"),
            CardSectionKind.Links => AdaptiveElements.Container(Labelled(section, [Links(section)]), id: id, spacing: "Medium"),
            CardSectionKind.WhoToCall => AdaptiveElements.Container(Labelled(section, [.. WhoToCall(section)]), id: id, spacing: "Medium"),
            CardSectionKind.SharedAnswers => AdaptiveElements.Container(
                Labelled(section, [.. section.Lines.Select(l => (JsonNode)AdaptiveElements.TextBlock(l.Words, spacing: "Small"))]), id: id, spacing: "Medium"),
            CardSectionKind.Sources => AdaptiveElements.Container(
                [
                    AdaptiveElements.ActionSet([AdaptiveElements.ToggleVisibility(section.Label ?? SourcesToggleTitle, SourcesListId)]),
                    AdaptiveElements.Container([.. section.Lines.Select(Source)], id: SourcesListId, visible: false),
                ],
                id: id,
                spacing: "Medium"),
            CardSectionKind.Footer => AdaptiveElements.Container(
                [.. section.Lines.Select(l => (JsonNode)AdaptiveElements.TextBlock(l.Text, size: "Small", subtle: true, spacing: "None"))], id: id, spacing: "Large"),
            _ => AdaptiveElements.Container([.. section.Lines.Select(l => (JsonNode)AdaptiveElements.TextBlock(l.Words))], id: id),
        };
    }

    private static JsonArray Labelled(CardSection section, JsonArray items)
    {
        if (section.Label is not null)
        {
            items.Insert(0, AdaptiveElements.TextBlock(section.Label, size: "Medium", weight: "Bolder"));
        }

        return items;
    }

    /// <summary>The number is ours, so it is written as markdown; the step's own text is escaped.</summary>
    private static JsonObject Step(CardLine line) =>
        AdaptiveElements.MarkdownBlock($"**{line.Number}\\.** {CardText.Escape(line.Text)}", spacing: "Small");

    /// <summary>Links with an address as buttons; a link the model left without one as its title.</summary>
    private static JsonObject Links(CardSection section)
    {
        var items = new JsonArray();
        foreach (var line in section.Lines)
        {
            items.Add(line.Url is null
                ? AdaptiveElements.TextBlock(line.Text, spacing: "Small")
                : AdaptiveElements.ActionSet([AdaptiveElements.OpenUrl(line.Text, line.Url)], spacing: "Small"));
        }

        return AdaptiveElements.Container(items);
    }

    /// <summary>Helplines and the supervisor as facts ("name: number (hours); policy number: …"), any other line as text.</summary>
    private static IEnumerable<JsonNode> WhoToCall(CardSection section)
    {
        foreach (var line in section.Lines)
        {
            yield return line.Term is null
                ? AdaptiveElements.TextBlock(line.Text)
                : AdaptiveElements.FactSet([(line.Term, line.Detail is null ? line.Text : $"{line.Text} {line.Detail}")]);
        }
    }

    private static JsonObject Source(CardLine line)
    {
        var title = CardText.Escape(line.Text);
        var text = line.Url is null
            ? title
            : $"[{title}]({line.Url.Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)})";
        return AdaptiveElements.MarkdownBlock(line.Detail is null ? text : $"{text} {CardText.Escape(line.Detail)}", size: "Small", spacing: "None");
    }
}
