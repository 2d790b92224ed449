using System.Text.Json.Nodes;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Slack.Rendering;

/// <summary>
/// The guidance card as Block Kit: a translation of <see cref="GuidanceCardModel"/>, which decides what the card
/// says and in which order. Only the styling is chosen here (the headline as a header block, the verdict in bold,
/// headings in bold, the practice, banner, sources and footer as quieter context blocks). Every block carries its
/// section's kind in its block_id (<c>ng-doNow-7</c>), and every string from outside is escaped.
/// </summary>
public static class GuidanceCardBlocks
{
    internal static List<JsonObject> Build(GuidanceCardReply reply, BlockKitRenderer.IdCounter ids)
    {
        var card = GuidanceCardModel.Build(reply);
        var blocks = new List<JsonObject>();
        foreach (var section in card.Sections)
        {
            foreach (var block in Section(section))
            {
                block["block_id"] = SectionTag(section.Kind);
                blocks.Add(block);
            }
        }

        blocks.AddRange(Blocks.Actions(card.Actions.Select(b => BlockKitRenderer.EngineButton(b, ids))));
        return blocks;
    }

    /// <summary>The start of the block_id of every block of a section: "ng-whoToCall".</summary>
    public static string SectionTag(CardSectionKind kind)
    {
        var name = kind.ToString();
        return "ng-" + char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static IEnumerable<JsonObject> Section(CardSection section) => section.Kind switch
    {
        CardSectionKind.Banner or CardSectionKind.Practice or CardSectionKind.Footer =>
            Blocks.Contexts(section.Lines.Select(l => Mrkdwn.Escape(l.Text))),
        CardSectionKind.Headline when section.Lines[0].Text.Length <= BlockKitLimits.HeaderText => [Blocks.Header(section.Lines[0].Text)],
        CardSectionKind.Headline or CardSectionKind.Verdict => Blocks.Sections(Mrkdwn.Bold(section.Lines[0].Text)),
        CardSectionKind.DoNow or CardSectionKind.Then =>
            [.. Blocks.Sections(Mrkdwn.Bold(section.Label!)), .. section.Lines.SelectMany(l => Blocks.Sections(Line(l)))],
        CardSectionKind.Sources => Blocks.Contexts([Mrkdwn.Bold(section.Label!), .. section.Lines.Select(Line)]),
        _ => Blocks.Sections(string.Join("\n", [.. Heading(section), .. section.Lines.Select(l => "• " + Line(l))])),
    };

    private static IEnumerable<string> Heading(CardSection section) => section.Label is null ? [] : [Mrkdwn.Bold(section.Label)];

    /// <summary>A line: its number, its term in bold, its text (a link when it has an address), its detail.</summary>
    public static string Line(CardLine line)
    {
        var parts = new List<string>();
        if (line.Number is { } number)
        {
            parts.Add($"{number}.");
        }

        if (line.Term is not null)
        {
            parts.Add($"*{Mrkdwn.Escape(line.Term)}:*");
        }

        parts.Add(line.Url is null ? Mrkdwn.Escape(line.Text) : Mrkdwn.Link(line.Url, line.Text));
        if (line.Detail is not null)
        {
            parts.Add(Mrkdwn.Escape(line.Detail));
        }

        return string.Join(' ', parts);
    }

    /// <summary>A helpline for App Home, in the card model's words.</summary>
    public static string HelplineLine(string name, string phone, string? hours, string? policyNumberHint)
    {
        var detail = new List<string>();
        if (!string.IsNullOrWhiteSpace(hours))
        {
            detail.Add($"({hours})");
        }

        if (!string.IsNullOrWhiteSpace(policyNumberHint))
        {
            detail.Add(CardWords.PolicyNumber(policyNumberHint));
        }

        return Line(new CardLine(phone) { Term = name, Detail = detail.Count == 0 ? null : string.Join("; ", detail) });
    }
}
