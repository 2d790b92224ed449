using System.Globalization;
using System.Text.Json.Nodes;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// The guidance card. Every word of advice comes from the rulebook via <see cref="Advice"/>; this class only
/// arranges it: whose case, headline, the hand-over verdict (the rulebook's wording, styled by the contract's
/// code: attention for "no", warning otherwise), the "Do now" steps under their own heading and then the rest,
/// links as Action.OpenUrl, the practice's helplines and supervisor, the sources once (collapsed behind a
/// toggle, each with the steps that cite it), the disclaimer and the rulebook version. The helpline step itself
/// says to call the insurer, so the card does not repeat it.
/// </summary>
internal sealed class GuidanceCard(CardButtons buttons)
{
    public JsonObject Render(GuidanceCardReply reply)
    {
        var advice = reply.Advice;
        var body = new JsonArray();
        CaseBanner.AddTo(body, reply.OwnerName);
        if (!string.IsNullOrWhiteSpace(reply.PracticeName))
        {
            body.Add(AdaptiveElements.TextBlock(reply.PracticeName, size: "Small", subtle: true));
        }

        body.Add(AdaptiveElements.TextBlock(advice.Headline, size: "Large", weight: "Bolder"));
        body.Add(AdaptiveElements.Container(
            [AdaptiveElements.TextBlock(advice.HandOverNotesLabel, weight: "Bolder")],
            style: advice.HandOverNotes == "no" ? "attention" : "warning"));

        AddSteps(body, advice);
        if (advice.Links.Count > 0)
        {
            body.Add(AdaptiveElements.ActionSet(
                [.. advice.Links.Where(l => IsWebUrl(l.Url)).Select(l => (JsonNode)AdaptiveElements.OpenUrl(l.Title, l.Url))],
                spacing: "Medium"));
        }

        AddContacts(body, advice, reply.SupervisorContact);
        AddSources(body, advice);
        body.Add(AdaptiveElements.TextBlock(advice.Disclaimer, size: "Small", subtle: true, spacing: "Large"));
        body.Add(AdaptiveElements.TextBlock($"Rulebook {advice.RulebookVersion}", size: "Small", subtle: true, spacing: "None"));

        var steps = string.Join(" ", advice.Steps.Select((s, i) => i == 0 && advice.DoNow > 0 ? $"{DoNowHeading}: 1. {s.Text}" : $"{i + 1}. {s.Text}"));
        return AdaptiveElements.Card(
            $"{CaseBanner.Prefix(reply.OwnerName)}{advice.Headline} {Sentence(advice.HandOverNotesLabel)} {steps}",
            body,
            buttons.Actions(reply.Actions));
    }

    /// <summary>The verdict as a sentence in the spoken summary, whether or not a practice's wording ends with a full stop.</summary>
    private static string Sentence(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length == 0 || trimmed[^1] is '.' or '!' or '?' ? trimmed : trimmed + ".";
    }

    public const string DoNowHeading = "Do now";

    public const string ThenHeading = "Then";

    public const string SourcesToggleTitle = "Show sources";

    private const string SourcesId = "sources";

    /// <summary>The first <see cref="Advice.DoNow"/> steps under "Do now", the rest under "Then"; numbering runs on.</summary>
    private static void AddSteps(JsonArray body, Advice advice)
    {
        var number = 0;
        foreach (var (heading, steps) in new[] { (DoNowHeading, advice.DoNowSteps), (ThenHeading, advice.LaterSteps) })
        {
            var items = new JsonArray();
            foreach (var step in steps)
            {
                // The number is ours, so it is written as markdown; the step's own text is escaped.
                items.Add(AdaptiveElements.MarkdownBlock($"**{++number}\\.** {CardText.Escape(step.Text)}", spacing: "Small"));
            }

            if (items.Count > 0)
            {
                items.Insert(0, AdaptiveElements.TextBlock(heading, size: "Medium", weight: "Bolder"));
                body.Add(AdaptiveElements.Container(items, style: heading == DoNowHeading ? "emphasis" : null, spacing: "Medium"));
            }
        }
    }

    /// <summary>Each source once, with the numbers of the steps that cite it, hidden until asked for.</summary>
    private static void AddSources(JsonArray body, Advice advice)
    {
        if (advice.Sources.Count == 0)
        {
            return;
        }

        var items = new JsonArray();
        foreach (var source in advice.Sources)
        {
            var title = CardText.Escape(source.Title);
            var text = source.Url is not null && IsWebUrl(source.Url)
                ? $"[{title}]({source.Url.Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)})"
                : title;
            var citedBy = advice.Steps.Select((s, i) => (s, i)).Where(x => x.s.Sources.Contains(source.Id)).Select(x => (x.i + 1).ToString(CultureInfo.InvariantCulture));
            items.Add(AdaptiveElements.MarkdownBlock(
                $"{text} — {CardText.Escape(source.Citation)} (step {string.Join(", ", citedBy)})", size: "Small", spacing: "None"));
        }

        body.Add(AdaptiveElements.ActionSet([AdaptiveElements.ToggleVisibility(SourcesToggleTitle, SourcesId)], spacing: "Medium"));
        body.Add(AdaptiveElements.Container(items, id: SourcesId, visible: false));
    }

    private static void AddContacts(JsonArray body, Advice advice, string? supervisorContact)
    {
        // The "Do now" helpline step already says to call the insurer; here are only the practice's numbers.
        if (advice.Helplines.Count > 0)
        {
            body.Add(AdaptiveElements.FactSet(advice.Helplines.Select(h =>
                (h.Name, h.Hours is null ? h.Phone : $"{h.Phone} ({h.Hours})"))));
        }

        if (!string.IsNullOrWhiteSpace(supervisorContact))
        {
            body.Add(AdaptiveElements.FactSet([("Supervisor", supervisorContact)]));
        }
    }

    private static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
