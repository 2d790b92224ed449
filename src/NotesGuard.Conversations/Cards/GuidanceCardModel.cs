using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;

namespace NotesGuard.Conversations.Cards;

/// <summary>
/// Decides what the guidance card says, in which order, under which headings, and what shows when a setting
/// is missing. Every word of advice is the rulebook's (via <see cref="Advice"/>) or the practice's settings;
/// the headings come from <see cref="CardWords"/>. The rules, once for every surface:
/// <list type="bullet">
/// <item>In a group, "Alex's case" comes first; then the practice's name, the headline and the hand-over verdict
/// (attention for "no", warning otherwise).</item>
/// <item>The first <see cref="Advice.DoNow"/> steps under "Do now", the rest under "Then"; numbering runs on, so
/// "step 4" means the same in the sources and on every surface.</item>
/// <item>"Read more": the outcome's links; only http(s) addresses become links, anything else stays a title.</item>
/// <item>"Who to call": the practice's helplines (hours and where to find the policy number, when set) and the
/// supervisor. The rulebook's helpline instruction is not repeated there, because the "Do now" helpline step
/// already says it (rulebook 2026.2: "the helpline named once"); it shows only on a card none of whose steps
/// says to call the insurer, so no card is ever left without it.</item>
/// <item>"Sources": each source once, with the numbers of the steps that cite it; then the disclaimer and the
/// rulebook version; then the card's buttons.</item>
/// </list>
/// Empty sections are left out.
/// </summary>
public static class GuidanceCardModel
{
    public static Card Build(GuidanceCardReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var advice = reply.Advice;
        var sections = new List<CardSection>();
        if (CardOwner.Banner(reply.OwnerName) is { } banner)
        {
            sections.Add(banner);
        }

        // A shared case shows what was answered first, so the group discusses the case before the advice.
        AddIfAny(sections, CardSectionKind.SharedAnswers, CardWords.SharedAnswers, [.. reply.SharedAnswers.Select(a => new CardLine(a.Answer) { Term = a.Question })]);

        if (Set(reply.PracticeName ?? advice.PracticeName) is { } practice)
        {
            sections.Add(new(CardSectionKind.Practice, null, [new CardLine(practice)]));
        }

        sections.Add(new(CardSectionKind.Headline, null, [new CardLine(advice.Headline)]));
        sections.Add(new(
            CardSectionKind.Verdict,
            null,
            [new CardLine(advice.HandOverNotesLabel)],
            advice.HandOverNotes == "no" ? CardTone.Attention : CardTone.Warning));

        var number = 0;
        AddIfAny(sections, CardSectionKind.DoNow, CardWords.DoNow, [.. advice.DoNowSteps.Select(s => new CardLine(s.Text) { Number = ++number })]);
        AddIfAny(sections, CardSectionKind.Then, CardWords.Then, [.. advice.LaterSteps.Select(s => new CardLine(s.Text) { Number = ++number })]);
        AddIfAny(sections, CardSectionKind.Links, CardWords.ReadMore, [.. advice.Links.Select(l => new CardLine(l.Title) { Url = WebUrl(l.Url) })]);
        AddIfAny(sections, CardSectionKind.WhoToCall, CardWords.WhoToCall, WhoToCall(advice, Set(reply.SupervisorContact ?? advice.SupervisorContact)));
        AddIfAny(sections, CardSectionKind.Sources, CardWords.Sources, [.. advice.Sources.Select(s => SourceLine(advice, s))]);
        sections.Add(new(CardSectionKind.Footer, null, [new CardLine(advice.Disclaimer), new CardLine(CardWords.Rulebook(advice.RulebookVersion))]));

        return new Card(CardOwner.Prefix(reply.OwnerName) + advice.Headline, sections, reply.Actions);
    }

    private static List<CardLine> WhoToCall(Advice advice, string? supervisor)
    {
        var lines = new List<CardLine>();
        var stepSaysIt = advice.Steps.Any(s => s.Code == AdviceContract.HelplineStep);
        if (!stepSaysIt && Set(advice.HelplineInstruction) is { } instruction)
        {
            lines.Add(new CardLine(instruction));
        }

        foreach (var helpline in advice.Helplines)
        {
            var detail = new List<string>();
            if (Set(helpline.Hours) is { } hours)
            {
                detail.Add($"({hours})");
            }

            if (Set(helpline.PolicyNumberHint) is { } hint)
            {
                detail.Add(CardWords.PolicyNumber(hint));
            }

            lines.Add(new CardLine(helpline.Phone)
            {
                Term = helpline.Name,
                IsPhone = true,
                Detail = detail.Count == 0 ? null : string.Join("; ", detail),
            });
        }

        if (supervisor is not null)
        {
            lines.Add(new CardLine(supervisor) { Term = CardWords.Supervisor });
        }

        return lines;
    }

    private static CardLine SourceLine(Advice advice, SourceReference source)
    {
        var citedBy = advice.Steps.Select((s, i) => (s, i)).Where(x => x.s.Sources.Contains(source.Id)).Select(x => x.i + 1).ToList();
        var detail = new List<string>();
        if (Set(source.Citation) is { } citation)
        {
            detail.Add($"— {citation}");
        }

        if (citedBy.Count > 0)
        {
            detail.Add(CardWords.CitedBy(citedBy));
        }

        return new CardLine(source.Title) { Url = source.Url is null ? null : WebUrl(source.Url), Detail = detail.Count == 0 ? null : string.Join(' ', detail) };
    }

    private static void AddIfAny(List<CardSection> sections, CardSectionKind kind, string label, List<CardLine> lines)
    {
        if (lines.Count > 0)
        {
            sections.Add(new(kind, label, lines));
        }
    }

    private static string? Set(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Only http(s) addresses are offered as links on any surface.</summary>
    private static string? WebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? url : null;
}
