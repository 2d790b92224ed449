namespace NotesGuard.Guidance.Decision;

/// <summary>
/// The contract's answer keys and values as small integers. A complete set of answers is a "full" index
/// (mixed radix, one digit per key); a partial set uses one extra digit per key meaning "not answered".
/// </summary>
internal sealed class AnswerSpace
{
    private readonly Dictionary<string, int> _keyIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>[] _valueIndex;

    public AnswerSpace()
    {
        KeyCount = AdviceContract.Answers.Count;
        Keys = [.. AdviceContract.Answers.Select(a => a.Key)];
        Values = [.. AdviceContract.Answers.Select(a => a.Values.ToArray())];
        Radix = [.. Values.Select(v => v.Length)];
        FullStride = new int[KeyCount];
        PartialStride = new int[KeyCount];
        _valueIndex = new Dictionary<string, int>[KeyCount];
        int full = 1, partial = 1;
        for (var k = KeyCount - 1; k >= 0; k--)
        {
            FullStride[k] = full;
            PartialStride[k] = partial;
            full *= Radix[k];
            partial *= Radix[k] + 1;
        }

        FullSize = full;
        PartialSize = partial;
        for (var k = 0; k < KeyCount; k++)
        {
            _keyIndex[Keys[k]] = k;
            _valueIndex[k] = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var v = 0; v < Radix[k]; v++)
            {
                _valueIndex[k][Values[k][v]] = v;
            }
        }
    }

    public int KeyCount { get; }

    public string[] Keys { get; }

    public string[][] Values { get; }

    public int[] Radix { get; }

    public int[] FullStride { get; }

    public int[] PartialStride { get; }

    public int FullSize { get; }

    public int PartialSize { get; }

    public int KeyIndex(string key) => _keyIndex[key];

    public int ValueIndex(int key, string value) => _valueIndex[key][value];

    /// <summary>The partial index of a validated answer set. Cheap: one lookup per answer.</summary>
    public int EncodePartial(AnswerSet answers)
    {
        var index = 0;
        for (var k = 0; k < KeyCount; k++)
        {
            var digit = answers.TryGetValue(Keys[k], out var value) ? _valueIndex[k][value] : Radix[k];
            index += digit * PartialStride[k];
        }

        return index;
    }

    public int PartialDigit(int partial, int key) => partial / PartialStride[key] % (Radix[key] + 1);

    public bool IsAnswered(int partial, int key) => PartialDigit(partial, key) != Radix[key];

    public int WithAnswer(int partial, int key, int value) =>
        partial + ((value - PartialDigit(partial, key)) * PartialStride[key]);

    public void DecodeFull(int full, Span<int> digits)
    {
        for (var k = 0; k < KeyCount; k++)
        {
            digits[k] = full / FullStride[k] % Radix[k];
        }
    }
}
