namespace NotesGuard.Guidance.Rulebook;

/// <summary>
/// Answers that satisfy a rule or a step: for each key mentioned, the values that count. A key the
/// condition does not mention may have any value.
/// </summary>
public sealed record AnswerCondition(IReadOnlyDictionary<string, IReadOnlyList<string>> AllowedValues)
{
    public static readonly AnswerCondition Always = new(new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>True when every mentioned key has one of its allowed values in <paramref name="answers"/>.</summary>
    public bool IsMetBy(IReadOnlyDictionary<string, string> answers)
    {
        foreach (var (key, values) in AllowedValues)
        {
            if (!answers.TryGetValue(key, out var value) || !values.Contains(value, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>One row of the rulebook's ordered rules: when its condition holds, <see cref="Outcome"/> applies.</summary>
public sealed record RulebookRule(AnswerCondition When, string Outcome);

/// <summary>A step as an outcome lists it: the code, and the answers it depends on (null = always shown).</summary>
public sealed record OutcomeStep(string Code, AnswerCondition? When);

public sealed record OutcomeDefinition(
    string Id,
    string HandOverNotes,
    string Headline,
    IReadOnlyList<OutcomeStep> Steps,
    IReadOnlyList<string> Links);

/// <summary>The step library entry: the words for a step code and the sources that support them.</summary>
public sealed record StepDefinition(string Code, string Text, IReadOnlyList<string> Sources);

/// <summary>A source with the confidence the domain brief gives it (H, M or L).</summary>
public sealed record SourceDefinition(string Id, string Title, string Citation, string? Url, string Confidence);
