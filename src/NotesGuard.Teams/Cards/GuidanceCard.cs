using System.Text.Json;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;
using NotesGuard.Teams.Schema;

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

    public RawJson Render(GuidanceCardReply reply) => Render(GuidanceCardModel.Build(reply));

    /// <summary>From the model the caller already built (for the activity's summary), so it is built once.</summary>
    public RawJson Render(Card card)
    {
        using var writer = CardJsonWriter.Start();
        var json = writer.Json;
        AdaptiveElements.StartCard(json, card.Spoken);
        foreach (var section in card.Sections)
        {
            Section(json, section);
        }

        AdaptiveElements.EndCard(json, buttons, card.Actions);
        return writer.ToRawJson();
    }

    public static string SectionId(CardSectionKind kind) => SectionIds.TryGetValue(kind, out var id) ? id : NewSectionId(kind);

    // Computed once rather than for every element of every card.
    private static readonly Dictionary<CardSectionKind, string> SectionIds = Enum.GetValues<CardSectionKind>().ToDictionary(k => k, NewSectionId);

    private static string NewSectionId(CardSectionKind kind) => "ng-" + kind.ToString().ToLowerInvariant();

    private static void Section(Utf8JsonWriter json, CardSection section)
    {
        var id = SectionId(section.Kind);
        switch (section.Kind)
        {
            case CardSectionKind.Banner:
                CaseBanner.Write(json, section.Lines[0].Text, id);
                break;
            case CardSectionKind.Practice:
                AdaptiveElements.TextContainer(json, id, section.Lines[0].Text, size: "Small", subtle: true);
                break;
            case CardSectionKind.Headline:
                AdaptiveElements.TextContainer(json, id, section.Lines[0].Text, size: "Large", weight: "Bolder");
                break;
            case CardSectionKind.Verdict:
                AdaptiveElements.TextContainer(
                    json, id, section.Lines[0].Text, weight: "Bolder", style: section.Tone == CardTone.Attention ? "attention" : "warning");
                break;
            case CardSectionKind.DoNow or CardSectionKind.Then:
                AdaptiveElements.StartContainer(json);
                Label(json, section);
                foreach (var line in section.Lines)
                {
                    Step(json, line);
                }

                AdaptiveElements.EndContainer(json, id, style: section.Kind == CardSectionKind.DoNow ? "emphasis" : null, spacing: "Medium");
                break;
            case CardSectionKind.Links:
                AdaptiveElements.StartContainer(json);
                Label(json, section);
                Links(json, section);
                AdaptiveElements.EndContainer(json, id, spacing: "Medium");
                break;
            case CardSectionKind.WhoToCall:
                AdaptiveElements.StartContainer(json);
                Label(json, section);
                WhoToCall(json, section);
                AdaptiveElements.EndContainer(json, id, spacing: "Medium");
                break;
            case CardSectionKind.SharedAnswers:
                AdaptiveElements.StartContainer(json);
                Label(json, section);
                foreach (var line in section.Lines)
                {
                    AdaptiveElements.TextBlock(json, line.Words, spacing: "Small");
                }

                AdaptiveElements.EndContainer(json, id, spacing: "Medium");
                break;
            case CardSectionKind.Sources:
                AdaptiveElements.StartContainer(json);
                AdaptiveElements.ToggleVisibilitySet(json, section.Label ?? SourcesToggleTitle, SourcesListId);
                AdaptiveElements.StartContainer(json);
                foreach (var line in section.Lines)
                {
                    Source(json, line);
                }

                AdaptiveElements.EndContainer(json, SourcesListId, visible: false);
                AdaptiveElements.EndContainer(json, id, spacing: "Medium");
                break;
            case CardSectionKind.Footer:
                AdaptiveElements.StartContainer(json);
                foreach (var line in section.Lines)
                {
                    AdaptiveElements.TextBlock(json, line.Text, size: "Small", subtle: true, spacing: "None");
                }

                AdaptiveElements.EndContainer(json, id, spacing: "Large");
                break;
            default:
                AdaptiveElements.WordsContainer(json, id, section.Lines);
                break;
        }
    }

    private static void Label(Utf8JsonWriter json, CardSection section)
    {
        if (section.Label is not null)
        {
            AdaptiveElements.TextBlock(json, section.Label, size: "Medium", weight: "Bolder");
        }
    }

    /// <summary>The number is ours, so it is written as markdown; the step's own text is escaped.</summary>
    private static void Step(Utf8JsonWriter json, CardLine line) =>
        AdaptiveElements.MarkdownBlock(json, $"**{line.Number}\\.** {CardText.Escape(line.Text)}", spacing: "Small");

    /// <summary>Links with an address as buttons; a link the model left without one as its title.</summary>
    private static void Links(Utf8JsonWriter json, CardSection section)
    {
        AdaptiveElements.StartContainer(json);
        foreach (var line in section.Lines)
        {
            if (line.Url is null)
            {
                AdaptiveElements.TextBlock(json, line.Text, spacing: "Small");
            }
            else
            {
                AdaptiveElements.StartActionSet(json);
                AdaptiveElements.OpenUrl(json, line.Text, line.Url);
                AdaptiveElements.EndActionSet(json, spacing: "Small");
            }
        }

        AdaptiveElements.EndContainer(json);
    }

    /// <summary>Helplines and the supervisor as facts ("name: number (hours); policy number: …"), any other line as text.</summary>
    private static void WhoToCall(Utf8JsonWriter json, CardSection section)
    {
        foreach (var line in section.Lines)
        {
            if (line.Term is null)
            {
                AdaptiveElements.TextBlock(json, line.Text);
            }
            else
            {
                AdaptiveElements.FactSet(json, line.Term, line.Detail is null ? line.Text : $"{line.Text} {line.Detail}");
            }
        }
    }

    private static void Source(Utf8JsonWriter json, CardLine line)
    {
        var title = CardText.Escape(line.Text);
        var text = line.Url is null
            ? title
            : $"[{title}]({line.Url.Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)})";
        AdaptiveElements.MarkdownBlock(json, line.Detail is null ? text : $"{text} {CardText.Escape(line.Detail)}", size: "Small", spacing: "None");
    }
}
