namespace NotesGuard.Guidance.Rulebook;

/// <summary>Limits a rulebook's wording must keep so a card stays readable under stress (docs/rulebook.md says why).</summary>
public static class RulebookLimits
{
    /// <summary>
    /// Longest step text: two plain sentences of 20–25 words. Longer steps were what made the 2026.1 cards hard
    /// to act on; a narrow Teams or Slack column shows 300 characters in about seven lines.
    /// </summary>
    public const int MaxStepTextLength = 300;
}
