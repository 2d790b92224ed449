using System.Collections.Concurrent;
using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Guidance.Decision;

/// <summary>
/// Every complete set of answers (about 138k) evaluated once against the rulebook: which outcome, which of
/// its steps apply, and which single answers could change that. From this the next question for any partial
/// set of answers is one pass over its completions, memoised, so a turn costs a lookup.
/// </summary>
internal sealed class DecisionSpace
{
    private readonly int[] _resultOfFull;
    private readonly ushort[] _sensitiveKeys;
    private readonly int[] _analysis;
    private readonly ConcurrentDictionary<int, int> _maxRemaining = new();

    private DecisionSpace(AnswerSpace space, int[] questionOrder, int[] resultOfFull, List<DecisionResult> results, ushort[] sensitive)
    {
        Space = space;
        QuestionOrder = questionOrder;
        _resultOfFull = resultOfFull;
        Results = results;
        _sensitiveKeys = sensitive;
        _analysis = new int[space.PartialSize];
    }

    public AnswerSpace Space { get; }

    /// <summary>Key indexes in the order the rulebook asks its questions.</summary>
    public int[] QuestionOrder { get; }

    /// <summary>Each distinct guidance result: an outcome and which of its listed steps apply.</summary>
    public IReadOnlyList<DecisionResult> Results { get; }

    /// <summary>First-matching rule per complete answer set; kept only during validation.</summary>
    public int[]? RuleOfFull { get; private set; }

    /// <summary>A complete answer set no rule matches (-1 when every set is covered).</summary>
    public int UnmatchedExample { get; private set; } = -1;

    public static DecisionSpace Build(RulebookDocument document)
    {
        DecisionPacking.EnsureFits(
            [.. AdviceContract.Answers.Select(a => a.Values.Count)],
            document.Outcomes.Count == 0 ? 0 : document.Outcomes.Max(o => o.Steps.Count));
        var space = new AnswerSpace();
        var rules = document.Rules.Select(r => new CompiledCondition(r.When, space)).ToArray();
        var ruleOutcome = document.Rules.Select(r => IndexOfOutcome(document, r.Outcome)).ToArray();
        var stepConditions = document.Outcomes
            .Select(o => o.Steps.Select(s => new CompiledCondition(s.When, space)).ToArray())
            .ToArray();

        var resultOfFull = new int[space.FullSize];
        var ruleOfFull = new int[space.FullSize];
        var results = new List<DecisionResult>();
        var resultIds = new Dictionary<(int, ulong), int>();
        var unmatched = -1;
        Span<int> digits = stackalloc int[space.KeyCount];
        for (var full = 0; full < space.FullSize; full++)
        {
            space.DecodeFull(full, digits);
            var rule = 0;
            while (rule < rules.Length && !rules[rule].IsMetBy(digits))
            {
                rule++;
            }

            ruleOfFull[full] = rule < rules.Length ? rule : -1;
            if (rule == rules.Length)
            {
                unmatched = unmatched < 0 ? full : unmatched;
                resultOfFull[full] = -1;
                continue;
            }

            var outcome = ruleOutcome[rule];
            ulong mask = 0;
            for (var s = 0; s < stepConditions[outcome].Length; s++)
            {
                if (stepConditions[outcome][s].IsMetBy(digits))
                {
                    mask |= 1UL << s;
                }
            }

            if (!resultIds.TryGetValue((outcome, mask), out var id))
            {
                id = results.Count;
                resultIds[(outcome, mask)] = id;
                results.Add(new DecisionResult(outcome, mask));
            }

            resultOfFull[full] = id;
        }

        DecisionPacking.EnsureResultsFit(results.Count);
        var questionOrder = document.Questions.Select(q => space.KeyIndex(q.Id)).ToArray();
        var sensitive = ComputeSensitivity(space, resultOfFull);
        return new DecisionSpace(space, questionOrder, resultOfFull, results, sensitive)
        {
            RuleOfFull = ruleOfFull,
            UnmatchedExample = unmatched,
        };
    }

    /// <summary>Drops what only validation needs.</summary>
    public void ForgetValidationData() => RuleOfFull = null;

    public int ResultOfFull(int full) => _resultOfFull[full];

    /// <summary>
    /// For a partial answer set: the keys still unanswered whose answer can change the result for some
    /// completion (bit per key index), and the result when that set is empty.
    /// </summary>
    public (int RelevantKeys, int Result) Analyse(int partial)
    {
        var cached = Volatile.Read(ref _analysis[partial]);
        if (cached == DecisionPacking.NotComputed)
        {
            cached = Compute(partial);
            Volatile.Write(ref _analysis[partial], cached);
        }

        cached--;
        return (cached & DecisionPacking.RelevantKeyMask, cached >> DecisionPacking.RelevantKeyBits);
    }

    /// <summary>The next key to ask (first relevant one in rulebook order), or -1 when the result is settled.</summary>
    public int NextQuestion(int partial)
    {
        var (relevant, _) = Analyse(partial);
        if (relevant == 0)
        {
            return -1;
        }

        foreach (var key in QuestionOrder)
        {
            if ((relevant & (1 << key)) != 0)
            {
                return key;
            }
        }

        return -1;
    }

    /// <summary>The most questions a walkthrough from here may still ask.</summary>
    public int MaxRemaining(int partial)
    {
        if (_maxRemaining.TryGetValue(partial, out var known))
        {
            return known;
        }

        var key = NextQuestion(partial);
        var most = 0;
        if (key >= 0)
        {
            for (var v = 0; v < Space.Radix[key]; v++)
            {
                most = Math.Max(most, 1 + MaxRemaining(Space.WithAnswer(partial, key, v)));
            }
        }

        _maxRemaining[partial] = most;
        return most;
    }

    /// <summary>Index of the empty answer set.</summary>
    public int Empty
    {
        get
        {
            var index = 0;
            for (var k = 0; k < Space.KeyCount; k++)
            {
                index += Space.Radix[k] * Space.PartialStride[k];
            }

            return index;
        }
    }

    private static int IndexOfOutcome(RulebookDocument document, string id)
    {
        for (var i = 0; i < document.Outcomes.Count; i++)
        {
            if (document.Outcomes[i].Id == id)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"rule names outcome '{id}' that the rulebook does not define");
    }

    /// <summary>Per complete answer set, the keys where another value gives a different result.</summary>
    private static ushort[] ComputeSensitivity(AnswerSpace space, int[] resultOfFull)
    {
        var sensitive = new ushort[space.FullSize];
        for (var k = 0; k < space.KeyCount; k++)
        {
            var stride = space.FullStride[k];
            var radix = space.Radix[k];
            for (var full = 0; full < space.FullSize; full++)
            {
                if (full / stride % radix != 0)
                {
                    continue;
                }

                var first = resultOfFull[full];
                var differs = false;
                for (var v = 1; v < radix && !differs; v++)
                {
                    differs = resultOfFull[full + (v * stride)] != first;
                }

                if (differs)
                {
                    for (var v = 0; v < radix; v++)
                    {
                        sensitive[full + (v * stride)] |= (ushort)(1 << k);
                    }
                }
            }
        }

        return sensitive;
    }

    private int Compute(int partial)
    {
        var space = Space;
        Span<int> free = stackalloc int[space.KeyCount];
        Span<int> digit = stackalloc int[space.KeyCount];
        var freeCount = 0;
        var freeMask = 0;
        var baseIndex = 0;
        for (var k = 0; k < space.KeyCount; k++)
        {
            var d = space.PartialDigit(partial, k);
            if (d == space.Radix[k])
            {
                free[freeCount++] = k;
                freeMask |= 1 << k;
            }
            else
            {
                baseIndex += d * space.FullStride[k];
            }
        }

        var first = _resultOfFull[baseIndex];
        var relevant = 0;
        var full = baseIndex;
        while (true)
        {
            relevant |= _sensitiveKeys[full] & freeMask;
            if (relevant == freeMask)
            {
                break;
            }

            // Odometer over the unanswered keys.
            var i = freeCount - 1;
            while (i >= 0)
            {
                var k = free[i];
                if (++digit[i] < space.Radix[k])
                {
                    full += space.FullStride[k];
                    break;
                }

                full -= (digit[i] - 1) * space.FullStride[k];
                digit[i] = 0;
                i--;
            }

            if (i < 0)
            {
                break;
            }
        }

        return ((first << DecisionPacking.RelevantKeyBits) | relevant) + 1;
    }
}
