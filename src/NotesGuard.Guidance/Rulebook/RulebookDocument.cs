namespace NotesGuard.Guidance.Rulebook;

/// <summary>
/// A validated rulebook: the questions, rules, outcomes, steps, links and sources, exactly as the YAML
/// file says them. Only <see cref="RulebookLoader"/> makes one, so holding one means it passed validation.
/// </summary>
public sealed class RulebookDocument
{
    internal RulebookDocument(
        string sourceName,
        string version,
        DateOnly effectiveDate,
        DateOnly lastReviewed,
        string disclaimer,
        string helplineInstruction,
        int doNow,
        IReadOnlyDictionary<string, string> handOverNotesLabels,
        IReadOnlyList<Question> questions,
        IReadOnlyList<RulebookRule> rules,
        IReadOnlyList<OutcomeDefinition> outcomes,
        IReadOnlyDictionary<string, StepDefinition> steps,
        IReadOnlyList<AdviceLink> links,
        IReadOnlyList<SourceDefinition> sources,
        IReadOnlyList<ChangelogEntry> changelog)
    {
        SourceName = sourceName;
        Version = version;
        EffectiveDate = effectiveDate;
        LastReviewed = lastReviewed;
        Disclaimer = disclaimer;
        HelplineInstruction = helplineInstruction;
        DoNow = doNow;
        HandOverNotesLabels = handOverNotesLabels;
        Questions = questions;
        Rules = rules;
        Outcomes = outcomes;
        Steps = steps;
        Links = links;
        Sources = sources;
        Changelog = changelog;
    }

    /// <summary>Where it was loaded from (file path or "rulebook.yaml" for the shipped one).</summary>
    public string SourceName { get; }

    public string Version { get; }

    public DateOnly EffectiveDate { get; }

    public DateOnly LastReviewed { get; }

    public string Disclaimer { get; }

    /// <summary>The generic "call your insurer's legal helpline" line, shown on every card.</summary>
    public string HelplineInstruction { get; }

    /// <summary>How many of a card's first steps are shown under "Do now" (1 to <see cref="AdviceContract.MaxDoNowSteps"/>).</summary>
    public int DoNow { get; }

    /// <summary>The card's wording of each hand-over verdict, keyed by the contract's handOverNotes code (every code present).</summary>
    public IReadOnlyDictionary<string, string> HandOverNotesLabels { get; }

    /// <summary>In the order they are asked.</summary>
    public IReadOnlyList<Question> Questions { get; }

    /// <summary>In order; the first whose condition holds decides the outcome.</summary>
    public IReadOnlyList<RulebookRule> Rules { get; }

    public IReadOnlyList<OutcomeDefinition> Outcomes { get; }

    public IReadOnlyDictionary<string, StepDefinition> Steps { get; }

    public IReadOnlyList<AdviceLink> Links { get; }

    public IReadOnlyList<SourceDefinition> Sources { get; }

    /// <summary>What each version changed, oldest first as the file lists them; empty when the file has none.</summary>
    public IReadOnlyList<ChangelogEntry> Changelog { get; }

    /// <summary>The documents offered after a card (the <c>letters</c> section); empty when the file has none.</summary>
    public Letters.LetterBook Letters { get; internal init; } = Guidance.Letters.LetterBook.Empty;

    /// <summary>The compiled answer space, built once during validation and reused by the advisor.</summary>
    internal Decision.DecisionSpace Space { get; set; } = null!;
}
