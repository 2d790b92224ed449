namespace NotesGuard.Guidance;

/// <summary>One possible answer to a question: the stable <see cref="Value"/> code and the words shown.</summary>
public sealed record Choice(string Value, string Title);

/// <summary>A question as the rulebook words it.</summary>
public sealed record Question(string Id, string Text, string Why, IReadOnlyList<Choice> Choices);

public sealed record AdviceStep(string Code, string Text, IReadOnlyList<string> Sources);

public sealed record AdviceLink(string Id, string Title, string Url);

public sealed record Helpline(string Name, string Phone, string? Hours);

/// <summary>A source a step relies on; <see cref="Url"/> is null where the source has no public page.</summary>
public sealed record SourceReference(string Id, string Title, string Citation, string? Url);

/// <summary>The contract's result: what to do, what not to do, and on what authority.</summary>
public sealed record Advice(
    string RulebookVersion,
    string Outcome,
    string HandOverNotes,
    string Headline,
    IReadOnlyList<AdviceStep> Steps,
    IReadOnlyList<AdviceLink> Links,
    IReadOnlyList<Helpline> Helplines,
    string? HelplineInstruction,
    IReadOnlyList<SourceReference> Sources,
    string Disclaimer);

/// <summary>Either the next question to ask or, once enough is known, the advice. Exactly one is set.</summary>
public sealed record AdviceResponse(Question? NextQuestion, Advice? Result)
{
    public bool IsComplete => Result is not null;
}
