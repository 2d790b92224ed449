using NotesGuard.Guidance.Decision;
using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Guidance.Tests;

/// <summary>The decision tables' bit packing refuses, loudly and by name, a contract it could not encode.</summary>
public sealed class DecisionPackingTests
{
    private static int[] ContractValues => [.. AdviceContract.Answers.Select(a => a.Values.Count)];

    [Fact]
    public void The_shipped_contract_and_rulebook_fit()
    {
        var longestOutcome = RulebookLoader.LoadShipped().Outcomes.Max(o => o.Steps.Count);

        DecisionPacking.EnsureFits(ContractValues, longestOutcome);
        Assert.True(ContractValues.Length <= DecisionPacking.RelevantKeyBits);
    }

    [Fact]
    public void One_answer_key_more_than_the_key_bits_is_refused()
    {
        var keys = Enumerable.Repeat(2, DecisionPacking.RelevantKeyBits + 1).ToArray();

        var error = Assert.Throws<InvalidOperationException>(() => DecisionPacking.EnsureFits(keys, 1));
        Assert.Contains($"{DecisionPacking.RelevantKeyBits + 1} answer keys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_with_more_values_than_a_condition_holds_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DecisionPacking.EnsureFits([2, DecisionPacking.MaxValuesPerKey + 1], 1));
        Assert.Contains("values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outcome_with_more_steps_than_a_result_holds_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DecisionPacking.EnsureFits(ContractValues, DecisionPacking.MaxStepsPerOutcome + 1));
        Assert.Contains("steps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_partial_answer_sets_or_results_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => DecisionPacking.EnsureFits([.. Enumerable.Repeat(12, 10)], 1));
        Assert.Throws<InvalidOperationException>(() => DecisionPacking.EnsureResultsFit(DecisionPacking.MaxResults + 1));
        DecisionPacking.EnsureResultsFit(DecisionPacking.MaxResults);
    }
}
