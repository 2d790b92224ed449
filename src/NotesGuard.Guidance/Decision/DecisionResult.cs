namespace NotesGuard.Guidance.Decision;

/// <summary>An outcome (index into the rulebook's outcomes) and a bit per listed step that applies.</summary>
internal readonly record struct DecisionResult(int Outcome, ulong Steps);
