using NotesGuard.Conversations.Prompts;
using NotesGuard.Guidance;

namespace NotesGuard.Conversations.Tests.Prompts;

/// <summary>
/// The one recogniser the chats and <c>notesguard ask</c> share (issue 11: there were two, accepting different
/// words): what the rulebook's questions accept when typed, and what is never guessed.
/// </summary>
public sealed class ChoiceRecognizerTests
{
    private static readonly Advisor Advisor = Advisor.Create(new PracticeSettings());

    [Theory]
    // Numbers, codes, titles and the rulebook's synonyms (what the CLI's recogniser accepted).
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
    [InlineData("jurisdiction", "E&W", "england-wales")]
    [InlineData("jurisdiction", "n. ireland", "northern-ireland")]
    [InlineData("consent", "yes", "given")]
    // Everyday words and a few words of one title (what only the chats accepted before).
    [InlineData("courtOrder", "nope", "no")]
    [InlineData("courtOrder", "idk", "unsure")]
    [InlineData("courtOrder", "maybe", "unsure")]
    [InlineData("requester", "police", "police")]
    public void Replies_are_recognised_leniently(string questionId, string reply, string expected)
    {
        var question = Advisor.GetQuestion(questionId);

        Assert.Equal(expected, ChoiceRecognizer.Recognize(reply, question)?.Value);
        Assert.Equal(expected, ChoiceRecognizer.Recognize(reply, [.. question.Choices.Select(c => new PromptChoice(c.Value, c.Title, c.Synonyms))])?.Value);
    }

    [Theory]
    [InlineData("courtOrder", "perhaps later")]
    [InlineData("courtOrder", "4")]
    [InlineData("courtOrder", "0")]
    [InlineData("courtOrder", "")]
    [InlineData("courtOrder", "   ")]
    [InlineData("requester", "my neighbour's lawyer")]
    public void Anything_else_is_not_guessed(string questionId, string reply)
    {
        Assert.Null(ChoiceRecognizer.Recognize(reply, Advisor.GetQuestion(questionId)));
    }

    [Fact]
    public void A_choices_own_title_wins_over_another_choices_synonym()
    {
        PromptChoice[] choices = [new("a", "Full summary report", ["full summary"]), new("b", "Full summary", [])];

        Assert.Equal("b", ChoiceRecognizer.Recognize("full summary", choices)?.Value);
    }

    [Fact]
    public void A_synonym_shared_by_two_choices_is_not_guessed()
    {
        PromptChoice[] choices = [new("a", "First", ["either"]), new("b", "Second", ["either"])];

        Assert.Null(ChoiceRecognizer.Recognize("either", choices));
    }

    [Fact]
    public void Synonyms_never_point_at_two_choices_of_the_same_question()
    {
        foreach (var question in Advisor.Questions)
        {
            var words = question.Choices
                .SelectMany(c => c.Synonyms.Append(c.Value).Append(c.Title).Select(w => (Word: ChoiceRecognizer.Normalize(w), c.Value)))
                .Distinct()
                .GroupBy(x => x.Word)
                .Where(g => g.Count() > 1)
                .Select(g => g.Key);
            Assert.Empty(words);
        }
    }
}
