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
