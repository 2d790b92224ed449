using NotesGuard.Guidance.Decision;
using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Guidance;

/// <summary>
/// Turns a decision result into the <see cref="Advice"/> a person reads: the rulebook's wording, the
/// sources its steps cite, and the practice's own helplines. The generic "call your insurer's legal
/// helpline" instruction is always included (it introduces the practice's numbers when there are some).
/// </summary>
internal sealed class AdviceCardBuilder(RulebookDocument rulebook, PracticeSettings settings)
{
    private readonly Helpline[] _helplines =
    [
        .. settings.InsurerHelplines.Select(h => new Helpline(h.Name.Trim(), h.Phone.Trim(), Blank(h.Hours))
        {
            PolicyNumberHint = Blank(h.PolicyNumberHint),
        }),
    ];

    public Advice Build(DecisionResult result)
    {
        var outcome = rulebook.Outcomes[result.Outcome];
        var steps = new List<AdviceStep>();
        for (var s = 0; s < outcome.Steps.Count; s++)
        {
            if ((result.Steps & (1UL << s)) != 0)
            {
                var definition = rulebook.Steps[outcome.Steps[s].Code];
                steps.Add(new AdviceStep(definition.Code, definition.Text, definition.Sources));
            }
        }

        var cited = steps.SelectMany(s => s.Sources).Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var sources = rulebook.Sources
            .Where(s => cited.Contains(s.Id))
            .Select(s => new SourceReference(s.Id, s.Title, s.Citation, s.Url))
            .ToArray();
        var links = outcome.Links.Select(id => rulebook.Links.First(l => l.Id == id)).ToArray();

        return new Advice(
            rulebook.Version,
            outcome.Id,
            outcome.HandOverNotes,
            outcome.Headline,
            steps,
            links,
            _helplines,
            rulebook.HelplineInstruction,
            sources,
            rulebook.Disclaimer)
        {
            HandOverNotesLabel = rulebook.HandOverNotesLabels[outcome.HandOverNotes],
            DoNow = Math.Min(rulebook.DoNow, steps.Count),
            PracticeName = Blank(settings.PracticeName),
            SupervisorContact = Blank(settings.SupervisorContact),
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
