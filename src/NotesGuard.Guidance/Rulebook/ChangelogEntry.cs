namespace NotesGuard.Guidance.Rulebook;

/// <summary>One change a rulebook version made, and the source ids that support it.</summary>
public sealed record ChangelogEntry(string Version, string Change, IReadOnlyList<string> Sources);
