using NotesGuard.Conversations.State;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.Tests.Infrastructure;

namespace NotesGuard.Conversations.Tests.Dialogs;

/// <summary>Typed answers are recognised leniently; anything else gets the question again, never the text echoed.</summary>
public sealed class RecognitionTranscriptTests : IDisposable
{
    private readonly TestEngine _bot = new();

    [Theory]
    [InlineData("y", "england-wales")]
    [InlineData("Yes", "england-wales")]
    [InlineData("1", "england-wales")]
    [InlineData("england-wales", "england-wales")]
    [InlineData("England or Wales", "england-wales")]
    [InlineData("  WALES. ", "england-wales")]
    [InlineData("Scotland", "scotland")]
    [InlineData("2", "scotland")]
    [InlineData("NI", "northern-ireland")]
    [InlineData("not sure", "unsure")]
    [InlineData("I don't know", "unsure")]
    [InlineData("dont know", "unsure")]
    [InlineData("4", "unsure")]
    public async Task Jurisdiction_is_recognised_from(string typed, string expected)
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        var replies = await person.Says(typed);
        var answered = Assert.Single(replies.All.OfType<AnsweredQuestionReply>());
        Assert.False(answered.ReplacesClickedMessage);
        Assert.Equal(expected, (await _bot.StateOf(person.Key))!.AnswerTo("jurisdiction"));
    }

    [Theory]
    [InlineData("police", "police")]
    [InlineData("the police", "police")]
    [InlineData("a detective", null)]
    [InlineData("detective", "police")]
    [InlineData("CPS", "cps")]
    [InlineData("crown prosecution service", "cps")]
    [InlineData("defense", "defence")]
    [InlineData("mother", "parent-or-family")]
    [InlineData("5", "client")]
    [InlineData("social worker", "social-services")]
    [InlineData("7", "other")]
    public async Task Requester_is_recognised_from_titles_numbers_and_synonyms(string typed, string? expected)
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi");
        await person.Chooses("england-wales").BotAsks("requester");
        var replies = await person.Says(typed);
        if (expected is null)
        {
            Assert.Equal("requester", replies.Question?.QuestionId);
            Assert.NotNull(replies.Question!.Notice);
        }
        else
        {
            Assert.Equal(expected, (await _bot.StateOf(person.Key))!.AnswerTo("requester"));
        }
    }

    [Theory]
    [InlineData("n", "no")]
    [InlineData("No", "no")]
    [InlineData("nope", "no")]
    [InlineData("y", "yes")]
    [InlineData("summons", "yes")]
    [InlineData("maybe", "unsure")]
    [InlineData("Not sure", "unsure")]
    public async Task Yes_no_and_not_sure_are_recognised_on_the_court_order_question(string typed, string expected)
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi");
        await person.Chooses("england-wales");
        await person.Chooses("police").BotAsks("courtOrder");
        await person.Says(typed);
        Assert.Equal(expected, (await _bot.StateOf(person.Key))!.AnswerTo("courtOrder"));
    }

    [Theory]
    [InlineData("purple elephant")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("42")]
    [InlineData("17")]
    [InlineData("Ms Jane Client, DOB 01/02/2003")]
    public async Task Nonsense_gets_the_question_again_with_the_choices_and_is_never_echoed_or_stored(string typed)
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        var before = await _bot.Store.ReadAsync(person.Key);

        var retry = await person.Says(typed).BotRetries("jurisdiction");

        Assert.Equal(4, retry.Choices.Count);
        Assert.DoesNotContain(typed, person.Last.AllText, StringComparison.Ordinal);
        var after = await _bot.Store.ReadAsync(person.Key);
        Assert.Equal(before!.Data, after!.Data);
        // The case id is random (digits included), so "42" can turn up in it by chance: look past it.
        var caseId = (await _bot.StateOf(person.Key))!.CaseId!;
        var stored = System.Text.Encoding.UTF8.GetString(after.Data).Replace(caseId, "", StringComparison.Ordinal);
        Assert.DoesNotContain(typed, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clicked_answer_is_confirmed_read_only_before_the_next_question()
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi");
        var replies = await person.Chooses("england-wales");

        var answered = Assert.IsType<AnsweredQuestionReply>(replies.All[0]);
        Assert.True(answered.ReplacesClickedMessage);
        Assert.Equal("jurisdiction", answered.QuestionId);
        Assert.Equal("England or Wales", answered.AnswerTitle);
        Assert.Equal("requester", replies.Question?.QuestionId);
        Assert.Equal("Question 2 of about " + replies.Question!.AboutTotal, replies.Question.ProgressText);
    }

    public void Dispose() => _bot.Dispose();
}
