namespace NotesGuard.Guidance.Tests;

public sealed class ChoiceRecognizerTests
{
    private static readonly Advisor Advisor = Advisor.Create(new PracticeSettings());

    [Theory]
    [InlineData("courtOrder", "y", "yes")]
    [InlineData("courtOrder", "Yes", "yes")]
    [InlineData("courtOrder", "no.", "no")]
    [InlineData("courtOrder", "Not sure", "unsure")]
    [InlineData("courtOrder", "don’t know", "unsure")]
    [InlineData("courtOrder", "3", "unsure")]
    [InlineData("requester", "The police", "police")]
    [InlineData("requester", "cps", "cps")]
    [InlineData("requester", "parent-or-family", "parent-or-family")]
    [InlineData("jurisdiction", "wales", "england-wales")]
    [InlineData("consent", "yes", "given")]
    public void Replies_are_recognised_leniently(string questionId, string reply, string expected)
    {
        Assert.Equal(expected, ChoiceRecognizer.Recognise(Advisor.GetQuestion(questionId), reply)?.Value);
    }

    [Theory]
    [InlineData("courtOrder", "perhaps later")]
    [InlineData("courtOrder", "4")]
    [InlineData("courtOrder", "0")]
    [InlineData("courtOrder", "")]
    [InlineData("requester", "my neighbour's lawyer")]
    public void Anything_else_is_not_guessed(string questionId, string reply)
    {
        Assert.Null(ChoiceRecognizer.Recognise(Advisor.GetQuestion(questionId), reply));
    }

    [Fact]
    public void Synonyms_never_point_at_two_choices_of_the_same_question()
    {
        foreach (var question in Advisor.Questions)
        {
            var words = question.Choices
                .SelectMany(c => c.Synonyms.Append(c.Value).Append(c.Title).Select(w => (Word: w.ToLowerInvariant(), c.Value)))
                .Distinct()
                .GroupBy(x => x.Word)
                .Where(g => g.Count() > 1)
                .Select(g => g.Key);
            Assert.Empty(words);
        }
    }
}
