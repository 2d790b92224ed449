using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;

namespace NotesGuard.Slack.Rendering;

/// <summary>
/// The guidance card's blocks: header, for whom, the hand-over verdict, the "Do now" steps under their own heading and
/// then the rest, links, the practice's helplines and supervisor, the disclaimer and the rulebook version, the
/// sources once in a context block at the end (each with the steps that cite it), then the card's buttons. The advice's
/// wording comes from the rulebook and the practice settings; only section titles and the verdict's contract code,
/// read out in words, are written here.
/// </summary>
public static class GuidanceCardBlocks
{
    internal static List<JsonObject> Build(GuidanceCardReply card, BlockKitRenderer.IdCounter ids)
    {
        var advice = card.Advice;
        var blocks = new List<JsonObject>();

        var headerTooLong = advice.Headline.Length > BlockKitLimits.HeaderText;
        blocks.Add(Blocks.Header(headerTooLong ? "Guidance" : advice.Headline));
        if (headerTooLong)
        {
            blocks.AddRange(Blocks.Sections(Mrkdwn.Bold(advice.Headline)));
        }

        var forWhom = new List<string>();
        var practice = card.PracticeName ?? advice.PracticeName;
        if (!string.IsNullOrWhiteSpace(practice))
        {
            forWhom.Add(Mrkdwn.Escape(practice));
        }

        if (!string.IsNullOrWhiteSpace(card.OwnerName))
        {
            forWhom.Add(Mrkdwn.Escape($"Case of {card.OwnerName}"));
        }

        blocks.AddRange(Blocks.Contexts(forWhom));
        // The verdict in the rulebook's reviewed words, bold so it stands out under the headline.
        blocks.AddRange(Blocks.Sections(Mrkdwn.Bold(advice.HandOverNotesLabel)));
        blocks.Add(Blocks.Divider());

        var number = 0;
        foreach (var (heading, steps) in new[] { ("*Do now*", advice.DoNowSteps), ("*Then*", advice.LaterSteps) })
        {
            var lines = steps.Select(step => $"{++number}. {Mrkdwn.Escape(step.Text)}").ToList();
            if (lines.Count > 0)
            {
                blocks.AddRange(Blocks.Sections(heading));
                blocks.AddRange(lines.SelectMany(Blocks.Sections));
            }
        }

        if (advice.Links.Count > 0)
        {
            blocks.AddRange(Blocks.Sections("*Read more*\n" + string.Join("\n", advice.Links.Select(l => "• " + Mrkdwn.Link(l.Url, l.Title)))));
        }

        // The "Do now" helpline step already says to call the insurer; here are only the practice's numbers.
        var contacts = HelplinesText(advice with { HelplineInstruction = null }, card.SupervisorContact ?? advice.SupervisorContact);
        if (contacts.Length > 0)
        {
            blocks.AddRange(Blocks.Sections("*Who to call*\n" + contacts));
        }

        blocks.AddRange(Blocks.Contexts([Mrkdwn.Escape(advice.Disclaimer), Mrkdwn.Escape($"Rulebook {advice.RulebookVersion}")]));
        if (advice.Sources.Count > 0)
        {
            blocks.AddRange(Blocks.Contexts(["*Sources*", .. advice.Sources.Select(source => SourceLine(advice, source))]));
        }

        blocks.AddRange(Blocks.Actions(card.Actions.Select(b => BlockKitRenderer.EngineButton(b, ids))));
        return blocks;
    }

    /// <summary>Helplines for a card or App Home: the practice's own, after the rulebook's instruction.</summary>
    public static string HelplinesText(Advice advice, string? supervisorContact)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(advice.HelplineInstruction))
        {
            text.Append(Mrkdwn.Escape(advice.HelplineInstruction)).Append('\n');
        }

        foreach (var helpline in advice.Helplines)
        {
            text.Append("• ").Append(HelplineLine(helpline.Name, helpline.Phone, helpline.Hours, helpline.PolicyNumberHint)).Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(supervisorContact))
        {
            text.Append("• Supervisor: ").Append(Mrkdwn.Escape(supervisorContact)).Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    public static string HelplineLine(string name, string phone, string? hours, string? policyNumberHint)
    {
        var line = $"*{Mrkdwn.Escape(name)}*: {Mrkdwn.Escape(phone)}";
        if (!string.IsNullOrWhiteSpace(hours))
        {
            line += $" ({Mrkdwn.Escape(hours)})";
        }

        if (!string.IsNullOrWhiteSpace(policyNumberHint))
        {
            line += $" · policy number: {Mrkdwn.Escape(policyNumberHint)}";
        }

        return line;
    }

    /// <summary>A source once, with its citation and the numbers of the steps that cite it.</summary>
    private static string SourceLine(Advice advice, SourceReference source)
    {
        var title = source.Url is null ? Mrkdwn.Escape(source.Title) : Mrkdwn.Link(source.Url, source.Title);
        var line = string.IsNullOrWhiteSpace(source.Citation) ? title : $"{title} ({Mrkdwn.Escape(source.Citation)})";
        var steps = advice.Steps.Select((s, i) => (s, i)).Where(x => x.s.Sources.Contains(source.Id)).Select(x => (x.i + 1).ToString(CultureInfo.InvariantCulture)).ToList();
        return steps.Count == 0 ? line : $"{line}, step {string.Join(", ", steps)}";
    }

}
