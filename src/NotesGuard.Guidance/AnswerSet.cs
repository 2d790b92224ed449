using System.Collections;

namespace NotesGuard.Guidance;

/// <summary>
/// The answers given so far, as contract codes. Immutable; every key and value has been checked against
/// <see cref="AdviceContract"/>, so an <see cref="AnswerSet"/> can never hold a guess. Enumerates in ordinal key order.
/// <para>
/// Held as a sorted array: a set has at most one answer per contract key (about a dozen), and a turn builds one
/// answer by answer, so a copy of a small array per answer is far cheaper than a copy of a tree.
/// </para>
/// </summary>
public sealed class AnswerSet : IReadOnlyDictionary<string, string>
{
    private readonly KeyValuePair<string, string>[] _answers;

    public static readonly AnswerSet Empty = new([]);

    private AnswerSet(KeyValuePair<string, string>[] answers) => _answers = answers;

    /// <summary>Checks every pair; throws <see cref="InvalidAnswerException"/> naming the key and the allowed values. A later pair with the same key wins.</summary>
    public static AnswerSet From(IEnumerable<KeyValuePair<string, string>> answers)
    {
        var set = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in answers)
        {
            Check(key, value);
            var at = Find(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(set), key);
            if (at >= 0)
            {
                set[at] = KeyValuePair.Create(key, value);
            }
            else
            {
                set.Insert(~at, KeyValuePair.Create(key, value));
            }
        }

        return set.Count == 0 ? Empty : new AnswerSet([.. set]);
    }

    public AnswerSet With(string key, string value)
    {
        Check(key, value);
        var at = Find(_answers, key);
        if (at >= 0)
        {
            var replaced = (KeyValuePair<string, string>[])_answers.Clone();
            replaced[at] = KeyValuePair.Create(key, value);
            return new AnswerSet(replaced);
        }

        at = ~at;
        var copy = new KeyValuePair<string, string>[_answers.Length + 1];
        Array.Copy(_answers, copy, at);
        copy[at] = KeyValuePair.Create(key, value);
        Array.Copy(_answers, at, copy, at + 1, _answers.Length - at);
        return new AnswerSet(copy);
    }

    public AnswerSet Without(string key)
    {
        var at = Find(_answers, key);
        if (at < 0)
        {
            return this;
        }

        var copy = new KeyValuePair<string, string>[_answers.Length - 1];
        Array.Copy(_answers, copy, at);
        Array.Copy(_answers, at + 1, copy, at, _answers.Length - at - 1);
        return new AnswerSet(copy);
    }

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no answer for '{key}'");

    public IEnumerable<string> Keys => _answers.Select(a => a.Key);

    public IEnumerable<string> Values => _answers.Select(a => a.Value);

    public int Count => _answers.Length;

    public bool ContainsKey(string key) => Find(_answers, key) >= 0;

    public bool TryGetValue(string key, out string value)
    {
        var at = Find(_answers, key);
        value = at >= 0 ? _answers[at].Value : null!;
        return at >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_answers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void Check(string key, string value)
    {
        var allowed = AdviceContract.ValuesOf(key) ?? throw InvalidAnswerException.UnknownKey(key);
        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return;
            }
        }

        throw InvalidAnswerException.UnknownValue(key, value, allowed);
    }

    /// <summary>The key's index in the ordinal order, or the bitwise complement of where it would go.</summary>
    private static int Find(ReadOnlySpan<KeyValuePair<string, string>> answers, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return answers.BinarySearch(new KeyOrder(key));
    }

    /// <summary>Where a key falls among the answers: ordinal, as the set is sorted.</summary>
    private readonly struct KeyOrder(string key) : IComparable<KeyValuePair<string, string>>
    {
        public int CompareTo(KeyValuePair<string, string> other) => string.CompareOrdinal(key, other.Key);
    }
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
