namespace NotesGuard.Guidance.Rulebook;

/// <summary>One problem in a rulebook file, located by line, column and path (e.g. <c>outcomes[3].steps[2]</c>).</summary>
public sealed record RulebookError(string File, int Line, int Column, string Path, string Message)
{
    public override string ToString() =>
        Path.Length == 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}:{Line}:{Column} {Path}: {Message}";
}
