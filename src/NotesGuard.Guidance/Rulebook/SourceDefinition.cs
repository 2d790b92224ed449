namespace NotesGuard.Guidance.Rulebook;

/// <summary>A source with the confidence the domain brief gives it (H, M or L).</summary>
public sealed record SourceDefinition(string Id, string Title, string Citation, string? Url, string Confidence);
