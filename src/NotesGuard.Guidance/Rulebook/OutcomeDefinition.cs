namespace NotesGuard.Guidance.Rulebook;

public sealed record OutcomeDefinition(
    string Id,
    string HandOverNotes,
    string Headline,
    IReadOnlyList<OutcomeStep> Steps,
    IReadOnlyList<string> Links);
