namespace NotesGuard.Cli;

/// <summary>What the process exit code tells a script.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The rulebook or the practice settings are invalid (or <c>rulebook check</c> found errors).</summary>
    public const int Failed = 1;

    /// <summary>The answers given are not valid: bad JSON, an unknown key or value.</summary>
    public const int InvalidInput = 2;
}
