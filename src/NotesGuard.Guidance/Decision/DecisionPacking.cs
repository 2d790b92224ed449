namespace NotesGuard.Guidance.Decision;

/// <summary>
/// How <see cref="DecisionSpace"/> packs its tables into machine words, and the limits that follow. Today's
/// contract fits with room to spare; <see cref="EnsureFits"/> fails loudly, when the rulebook is loaded, the day
/// the contract or a rulebook grows past what the packing can hold, instead of silently giving wrong next
/// questions or cards.
/// </summary>
internal static class DecisionPacking
{
    /// <summary>An analysis word's low bits: one per answer key whose answer could still change the result.</summary>
    public const int RelevantKeyBits = 12;

    public const int RelevantKeyMask = (1 << RelevantKeyBits) - 1;

    /// <summary>Stored analyses are offset by one so that 0 means "not computed yet".</summary>
    public const int NotComputed = 0;

    /// <summary>Result ids live above the key bits of a non-negative int.</summary>
    public const int MaxResults = (int.MaxValue >> RelevantKeyBits) - 1;

    /// <summary>A <see cref="CompiledCondition"/> keeps one bit per value of a key in a uint.</summary>
    public const int MaxValuesPerKey = 32;

    /// <summary><see cref="DecisionResult.Steps"/> keeps one bit per step an outcome lists in a ulong.</summary>
    public const int MaxStepsPerOutcome = 64;

    /// <summary>The largest number of partial answer sets the analysis table is allowed (an int[] of this length).</summary>
    public const int MaxPartialSets = 64 * 1024 * 1024;

    /// <summary>Throws, naming the limit, when a contract or rulebook does not fit the packing.</summary>
    public static void EnsureFits(IReadOnlyList<int> valuesPerKey, int maxStepsPerOutcome)
    {
        ArgumentNullException.ThrowIfNull(valuesPerKey);
        if (valuesPerKey.Count > RelevantKeyBits)
        {
            throw Loud($"the contract has {valuesPerKey.Count} answer keys; DecisionSpace packs one bit per key into {RelevantKeyBits} bits");
        }

        if (valuesPerKey.Count > 0 && valuesPerKey.Max() > MaxValuesPerKey)
        {
            throw Loud($"an answer key has {valuesPerKey.Max()} values; a compiled condition holds at most {MaxValuesPerKey}");
        }

        if (maxStepsPerOutcome > MaxStepsPerOutcome)
        {
            throw Loud($"an outcome lists {maxStepsPerOutcome} steps; a decision result holds at most {MaxStepsPerOutcome}");
        }

        long partial = 1;
        foreach (var values in valuesPerKey)
        {
            partial *= values + 1;
            if (partial > MaxPartialSets)
            {
                throw Loud($"the contract's answers make more than {MaxPartialSets} partial answer sets");
            }
        }
    }

    /// <summary>Throws when more distinct results were found than an analysis word can number.</summary>
    public static void EnsureResultsFit(int resultCount)
    {
        if (resultCount > MaxResults)
        {
            throw Loud($"the rulebook gives {resultCount} distinct results; an analysis word numbers at most {MaxResults}");
        }
    }

    private static InvalidOperationException Loud(string what) =>
        new($"The decision tables cannot encode this rulebook: {what}. Widen the packing in DecisionPacking before growing the contract.");
}
