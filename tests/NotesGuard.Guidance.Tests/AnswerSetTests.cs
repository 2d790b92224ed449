namespace NotesGuard.Guidance.Tests;

/// <summary>
/// The answers a walkthrough holds: checked against the contract, immutable, one per key, and listed in the same
/// order however they were given (the review card, the stored record and the advice API all list them that way).
/// </summary>
public sealed class AnswerSetTests
{
    [Fact]
    public void Answers_are_listed_in_key_order_whatever_order_they_were_given_in()
    {
        var given = AnswerSet.Empty.With("requester", "police").With("consent", "given").With("jurisdiction", "england-wales").With("courtOrder", "no");

        Assert.Equal(["consent", "courtOrder", "jurisdiction", "requester"], given.Keys);
        Assert.Equal(["given", "no", "england-wales", "police"], given.Values);
        Assert.Equal(given.Keys, AnswerSet.From(given.Reverse()).Keys);
    }

    [Fact]
    public void Changing_an_answer_replaces_it_and_leaves_the_earlier_set_as_it_was()
    {
        var before = AnswerSet.Empty.With("jurisdiction", "england-wales").With("requester", "police");

        var changed = before.With("requester", "cps");
        var without = changed.Without("jurisdiction");

        Assert.Equal("police", before["requester"]);
        Assert.Equal(2, before.Count);
        Assert.Equal("cps", changed["requester"]);
        Assert.Equal(2, changed.Count);
        Assert.False(without.ContainsKey("jurisdiction"));
        Assert.True(changed.ContainsKey("jurisdiction"));
        Assert.Same(without, without.Without("jurisdiction"));
        Assert.False(without.TryGetValue("jurisdiction", out _));
        Assert.Throws<KeyNotFoundException>(() => without["jurisdiction"]);
        Assert.Throws<ArgumentNullException>(() => changed.ContainsKey(null!));
    }

    [Fact]
    public void From_keeps_the_last_answer_given_for_a_key()
    {
        var answers = AnswerSet.From([KeyValuePair.Create("courtOrder", "no"), KeyValuePair.Create("consent", "given"), KeyValuePair.Create("courtOrder", "yes")]);

        Assert.Equal([KeyValuePair.Create("consent", "given"), KeyValuePair.Create("courtOrder", "yes")], answers);
    }

    [Fact]
    public void An_answer_outside_the_contract_is_refused_naming_what_is_allowed()
    {
        var unknownKey = Assert.Throws<InvalidAnswerException>(() => AnswerSet.Empty.With("clientName", "Alex"));
        var unknownValue = Assert.Throws<InvalidAnswerException>(() => AnswerSet.From([KeyValuePair.Create("courtOrder", "maybe")]));

        Assert.Equal("clientName", unknownKey.Key);
        Assert.Contains("allowed keys: jurisdiction, requester", unknownKey.Message, StringComparison.Ordinal);
        Assert.Equal("courtOrder", unknownValue.Key);
        Assert.Contains("allowed values: yes, no, unsure", unknownValue.Message, StringComparison.Ordinal);
        Assert.Empty(AnswerSet.Empty);
    }
}
