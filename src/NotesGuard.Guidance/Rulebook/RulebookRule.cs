namespace NotesGuard.Guidance.Rulebook;

/// <summary>One row of the rulebook's ordered rules: when its condition holds, <see cref="Outcome"/> applies.</summary>
public sealed record RulebookRule(AnswerCondition When, string Outcome);
