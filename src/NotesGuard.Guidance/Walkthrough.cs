namespace NotesGuard.Guidance;

/// <summary>One complete walkthrough: the answers asked for, in order, and the advice they lead to.</summary>
public sealed record Walkthrough(IReadOnlyList<KeyValuePair<string, string>> Answers, Advice Advice);
