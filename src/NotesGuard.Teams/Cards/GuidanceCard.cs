using System.Text.Json.Nodes;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// The guidance card. Every word of advice comes from the rulebook via <see cref="Advice"/>; this class only
/// arranges it: whose case, headline, the hand-over verdict (the rulebook's wording, styled by the contract's
/// code: attention for "no", warning otherwise), numbered steps with their
/// sources, links as Action.OpenUrl, helplines (or the rulebook's instruction to call the insurer), the
/// practice's supervisor, the disclaimer and the rulebook version.
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
        AddSources(body, advice);
        if (advice.Links.Count > 0)
        {
            body.Add(AdaptiveElements.ActionSet(
                [.. advice.Links.Where(l => IsWebUrl(l.Url)).Select(l => (JsonNode)AdaptiveElements.OpenUrl(l.Title, l.Url))],
                spacing: "Medium"));
        }

        AddContacts(body, advice, reply.SupervisorContact);
        body.Add(AdaptiveElements.TextBlock(advice.Disclaimer, size: "Small", subtle: true, spacing: "Large"));
        body.Add(AdaptiveElements.TextBlock($"Rulebook {advice.RulebookVersion}", size: "Small", subtle: true, spacing: "None"));

        var steps = string.Join(" ", advice.Steps.Select((s, i) => $"{i + 1}. {s.Text}"));
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

    private static void AddSteps(JsonArray body, Advice advice)
    {
        var titles = advice.Sources.ToDictionary(s => s.Id, s => s.Title, StringComparer.Ordinal);
        var items = new JsonArray();
        for (var i = 0; i < advice.Steps.Count; i++)
        {
            var step = advice.Steps[i];
            // The number is ours, so it is written as markdown; the step's own text is escaped.
            items.Add(AdaptiveElements.MarkdownBlock($"**{i + 1}\\.** {CardText.Escape(step.Text)}", spacing: "Small"));
            var sources = step.Sources.Select(id => titles.GetValueOrDefault(id, id)).ToList();
            if (sources.Count > 0)
            {
                items.Add(AdaptiveElements.TextBlock($"Source: {string.Join("; ", sources)}", size: "Small", subtle: true, spacing: "None"));
            }
        }

        body.Add(AdaptiveElements.Container(items, spacing: "Medium"));
    }

    private static void AddSources(JsonArray body, Advice advice)
    {
        if (advice.Sources.Count == 0)
        {
            return;
        }

        var items = new JsonArray { AdaptiveElements.TextBlock("Sources", weight: "Bolder") };
        foreach (var source in advice.Sources)
        {
            var title = CardText.Escape(source.Title);
            var text = source.Url is not null && IsWebUrl(source.Url)
                ? $"[{title}]({source.Url.Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)})"
                : title;
            items.Add(AdaptiveElements.MarkdownBlock($"{text} — {CardText.Escape(source.Citation)}", size: "Small", spacing: "None"));
        }

        body.Add(AdaptiveElements.Container(items, spacing: "Medium"));
    }

    private static void AddContacts(JsonArray body, Advice advice, string? supervisorContact)
    {
        if (advice.Helplines.Count > 0)
        {
            body.Add(AdaptiveElements.FactSet(advice.Helplines.Select(h =>
                (h.Name, h.Hours is null ? h.Phone : $"{h.Phone} ({h.Hours})"))));
        }
        else if (!string.IsNullOrWhiteSpace(advice.HelplineInstruction))
        {
            body.Add(AdaptiveElements.TextBlock(advice.HelplineInstruction, weight: "Bolder"));
        }

        if (!string.IsNullOrWhiteSpace(supervisorContact))
        {
            body.Add(AdaptiveElements.FactSet([("Supervisor", supervisorContact)]));
        }
    }

    private static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
