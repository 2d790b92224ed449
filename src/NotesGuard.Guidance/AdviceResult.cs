using System.Text.Json.Serialization;

namespace NotesGuard.Guidance;

/// <summary>One possible answer to a question: the stable <see cref="Value"/> code and the words shown.</summary>
public sealed record Choice(string Value, string Title)
{
    /// <summary>Other words a person may type for this choice ("y", "not sure"), for lenient recognition.</summary>
    public IReadOnlyList<string> Synonyms { get; init; } = [];
}

/// <summary>A question as the rulebook words it.</summary>
public sealed record Question(string Id, string Text, string Why, IReadOnlyList<Choice> Choices);

public sealed record AdviceStep(string Code, string Text, IReadOnlyList<string> Sources);

public sealed record AdviceLink(string Id, string Title, string Url);

public sealed record Helpline(string Name, string Phone, string? Hours)
{
    /// <summary>Where the reader finds their policy number (never the number itself).</summary>
    public string? PolicyNumberHint { get; init; }
}

/// <summary>A source a step relies on; <see cref="Url"/> is null where the source has no public page.</summary>
public sealed record SourceReference(string Id, string Title, string Citation, string? Url);

/// <summary>The contract's result: what to do, what not to do, and on what authority.</summary>
/// <remarks>
/// The first fields and <see cref="HandOverNotesLabel"/> share a JSON order so the label is written right
/// after the code it words, as the contract shows them.
/// </remarks>
public sealed record Advice(
    [property: JsonPropertyOrder(-1)] string RulebookVersion,
    [property: JsonPropertyOrder(-1)] string Outcome,
    [property: JsonPropertyOrder(-1)] string HandOverNotes,
    string Headline,
    IReadOnlyList<AdviceStep> Steps,
    IReadOnlyList<AdviceLink> Links,
    IReadOnlyList<Helpline> Helplines,
    string? HelplineInstruction,
    IReadOnlyList<SourceReference> Sources,
    string Disclaimer)
{
    /// <summary>
    /// The rulebook's wording of <see cref="HandOverNotes"/>, which every surface shows instead of the code.
    /// Set by the advisor; empty only for an <see cref="Advice"/> built by hand.
    /// </summary>
    [JsonPropertyOrder(-1)]
    public string HandOverNotesLabel { get; init; } = "";

    /// <summary>
    /// How many of <see cref="Steps"/>, from the first, are what to do today: every surface shows them first,
    /// under "Do now". Steps are in order of urgency, so the rest follow under their own heading.
    /// </summary>
    public int DoNow { get; init; }

    /// <summary>The steps shown first, under "Do now".</summary>
    [JsonIgnore]
    public IEnumerable<AdviceStep> DoNowSteps => Steps.Take(DoNow);

    /// <summary>The steps after the "Do now" ones, still in order of urgency.</summary>
    [JsonIgnore]
    public IEnumerable<AdviceStep> LaterSteps => Steps.Skip(DoNow);

    /// <summary>The practice's name from its settings, when set.</summary>
    public string? PracticeName { get; init; }

    /// <summary>How to reach the practice's supervisor, from its settings, when set.</summary>
    public string? SupervisorContact { get; init; }
}

/// <summary>Either the next question to ask or, once enough is known, the advice. Exactly one is set.</summary>
public sealed record AdviceResponse(Question? NextQuestion, Advice? Result)
{
    public bool IsComplete => Result is not null;
}
