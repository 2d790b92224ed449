namespace NotesGuard.Guidance.Rulebook;

/// <summary>The step library entry: the words for a step code and the sources that support them.</summary>
public sealed record StepDefinition(string Code, string Text, IReadOnlyList<string> Sources);
