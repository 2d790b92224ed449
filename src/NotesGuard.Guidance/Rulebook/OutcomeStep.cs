namespace NotesGuard.Guidance.Rulebook;

/// <summary>A step as an outcome lists it: the code, and the answers it depends on (null = always shown).</summary>
public sealed record OutcomeStep(string Code, AnswerCondition? When);
