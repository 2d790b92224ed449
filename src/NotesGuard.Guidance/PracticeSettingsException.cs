namespace NotesGuard.Guidance;

/// <summary>Practice settings that cannot be used; the message names each bad key.</summary>
public sealed class PracticeSettingsException(IReadOnlyList<string> problems)
    : Exception("invalid practice settings: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
