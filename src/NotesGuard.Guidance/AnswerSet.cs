using System.Collections;

namespace NotesGuard.Guidance;

/// <summary>
/// The answers given so far, as contract codes. Immutable; every key and value has been checked against
/// <see cref="AdviceContract"/>, so an <see cref="AnswerSet"/> can never hold a guess.
/// </summary>
public sealed class AnswerSet : IReadOnlyDictionary<string, string>
{
    private readonly SortedDictionary<string, string> _answers;

    public static readonly AnswerSet Empty = new(new SortedDictionary<string, string>(StringComparer.Ordinal));

    private AnswerSet(SortedDictionary<string, string> answers) => _answers = answers;

    /// <summary>Checks every pair; throws <see cref="InvalidAnswerException"/> naming the key and the allowed values.</summary>
    public static AnswerSet From(IEnumerable<KeyValuePair<string, string>> answers)
    {
        var set = Empty;
        foreach (var (key, value) in answers)
        {
            set = set.With(key, value);
        }

        return set;
    }

    public AnswerSet With(string key, string value)
    {
        var allowed = AdviceContract.ValuesOf(key) ?? throw InvalidAnswerException.UnknownKey(key);
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            throw InvalidAnswerException.UnknownValue(key, value, allowed);
        }

        var copy = new SortedDictionary<string, string>(_answers, StringComparer.Ordinal) { [key] = value };
        return new AnswerSet(copy);
    }

    public AnswerSet Without(string key)
    {
        if (!_answers.ContainsKey(key))
        {
            return this;
        }

        var copy = new SortedDictionary<string, string>(_answers, StringComparer.Ordinal);
        copy.Remove(key);
        return new AnswerSet(copy);
    }

    public string this[string key] => _answers[key];

    public IEnumerable<string> Keys => _answers.Keys;

    public IEnumerable<string> Values => _answers.Values;

    public int Count => _answers.Count;

    public bool ContainsKey(string key) => _answers.ContainsKey(key);

    public bool TryGetValue(string key, out string value) => _answers.TryGetValue(key, out value!);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _answers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>An answer key or value outside the contract. The message names the key and the allowed values.</summary>
public sealed class InvalidAnswerException : Exception
{
    public InvalidAnswerException(string key, string message) : base(message) => Key = key;

    public string Key { get; }

    internal static InvalidAnswerException UnknownKey(string key) => new(
        key,
        $"unknown answer key '{key}'; allowed keys: {string.Join(", ", AdviceContract.Answers.Select(a => a.Key))}");

    internal static InvalidAnswerException UnknownValue(string key, string value, IEnumerable<string> allowed) => new(
        key,
        $"'{value}' is not an allowed value for '{key}'; allowed values: {string.Join(", ", allowed)}");
}
