using NotesGuard.Conversations.State;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.Tests.Infrastructure;

namespace NotesGuard.Conversations.Tests.Dialogs;

/// <summary>
/// A supervision group: everyone keeps a private walkthrough, cards say whose case they are, and a click on
/// somebody else's card or an earlier case's card is answered without touching anyone's answers.
/// </summary>
public sealed class GroupTranscriptTests : IDisposable
{
    private readonly TestEngine _bot = new();

    [Fact]
    public async Task Two_people_in_one_group_each_run_their_own_walkthrough_and_cards_carry_the_owners_name()
    {
        var alice = Member("alice", "Alice Smith");
        var bob = Member("bob", "Bob Jones");

        var aliceFirst = await alice.Says("hi").BotAsks("jurisdiction");
        Assert.Equal("Alice Smith", aliceFirst.OwnerName);
        await alice.Chooses("england-wales").BotAsks("requester");
        var bobFirst = await bob.Says("hi").BotAsks("jurisdiction");
        Assert.Equal("Bob Jones", bobFirst.OwnerName);
        await bob.Chooses("scotland");

        var answered = (await alice.Chooses("police")).All.OfType<AnsweredQuestionReply>().Single();
        Assert.Equal("Alice Smith", answered.AnsweredBy);
        Assert.Equal("police", (await _bot.StateOf(alice.Key))!.AnswerTo("requester"));
        Assert.Equal("scotland", (await _bot.StateOf(bob.Key))!.AnswerTo("jurisdiction"));
        Assert.Null((await _bot.StateOf(bob.Key))!.AnswerTo("requester"));
    }

    [Fact]
    public async Task Clicking_someone_elses_card_says_whose_it_is_and_how_to_start_your_own()
    {
        var alice = Member("alice", "Alice Smith");
        var bob = Member("bob", "Bob Jones");
        var aliceQuestion = await alice.Says("hi").BotAsks("jurisdiction");
        await bob.Says("hi").BotAsks("jurisdiction");
        var bobBefore = (await _bot.Store.ReadAsync(bob.Key))!.Data;

        var replies = await bob.ClicksValue(aliceQuestion.Choices[0].Value).BotSays("belongs to Alice Smith's case");
        var reply = Assert.Single(replies.Texts);
        Assert.Contains(reply.Buttons, b => b.Title == "Start a new case");

        Assert.Empty((await _bot.StateOf(alice.Key))!.Answers);
        Assert.Equal(bobBefore, (await _bot.Store.ReadAsync(bob.Key))!.Data);
    }

    [Fact]
    public async Task The_result_names_the_case_owner_in_a_group_and_nobody_in_a_personal_chat()
    {
        var alice = Member("alice", "Alice Smith");
        var bob = Member("bob", "Bob Jones");
        var aliceQuestion = await alice.Says("hi").BotAsks("jurisdiction");
        Assert.Equal("Alice Smith", alice.Last.Result.CaseOwnerName);
        await bob.Says("hi");
        Assert.Equal("Bob Jones", bob.Last.Result.CaseOwnerName);

        // Bob clicks Alice's card: the reply is about Alice's case, not his.
        var click = await bob.ClicksValue(aliceQuestion.Choices[0].Value);
        Assert.Equal("Alice Smith", click.Result.CaseOwnerName);
        Assert.False(click.Result.ForgotPerson);

        var alone = new TranscriptClient(_bot.Engine, "carol", "chat-carol", displayName: "Carol");
        Assert.Null((await alone.Says("hi")).Result.CaseOwnerName);
    }

    [Fact]
    public async Task Someone_without_a_case_who_clicks_another_persons_card_can_start_their_own_from_the_reply()
    {
        var alice = Member("alice", "Alice Smith");
        var carol = Member("carol", "Carol");
        var aliceQuestion = await alice.Says("hi").BotAsks("jurisdiction");

        await carol.ClicksValue(aliceQuestion.Navigation.Single(b => b.Title == "Restart").Value).BotSays("Alice Smith");
        Assert.Null(await _bot.StateOf(carol.Key));
        var own = await carol.Clicks("Start a new case").BotAsks("jurisdiction");
        Assert.Equal("Carol", own.OwnerName);
        Assert.NotEqual(aliceQuestion.CaseId, own.CaseId);
    }

    [Fact]
    public async Task A_click_on_a_card_from_an_earlier_case_is_answered_and_the_current_question_shown()
    {
        var alice = Member("alice", "Alice Smith");
        var oldQuestion = await alice.Says("hi").BotAsks("jurisdiction");
        await alice.Says("restart").BotAsks("jurisdiction");

        var replies = await alice.ClicksValue(oldQuestion.Choices[1].Value).BotSays("earlier case");
        Assert.Equal("jurisdiction", replies.Question?.QuestionId);
        Assert.Empty((await _bot.StateOf(alice.Key))!.Answers);
    }

    [Fact]
    public async Task A_second_click_on_an_already_answered_question_changes_nothing()
    {
        var alice = Member("alice", "Alice Smith");
        var first = await alice.Says("hi").BotAsks("jurisdiction");
        await alice.ClicksValue(first.Choices[0].Value).BotAsks("requester");

        var replies = await alice.ClicksValue(first.Choices[1].Value).BotSays("already been answered");
        Assert.Equal("requester", replies.Question?.QuestionId);
        Assert.Equal("england-wales", (await _bot.StateOf(alice.Key))!.AnswerTo("jurisdiction"));
    }

    [Fact]
    public async Task A_click_after_the_case_expired_or_was_cancelled_says_so_and_offers_a_new_case()
    {
        var alice = Member("alice", "Alice Smith");
        var question = await alice.Says("hi").BotAsks("jurisdiction");
        await alice.Says("cancel");

        var replies = await alice.ClicksValue(question.Choices[0].Value).BotSays("ended or expired");
        Assert.Contains(replies.Texts.Single().Buttons, b => b.Title == "Start a new case");
        Assert.Null(await _bot.StateOf(alice.Key));
    }

    [Theory]
    [InlineData("ng1|a|x")]
    [InlineData("not a button")]
    [InlineData("ng1|z|case|tag|q|v|")]
    [InlineData("ng1|a|case|tag|q|%zz|")]
    public async Task A_forged_or_garbled_button_value_is_refused_gracefully(string value)
    {
        var alice = Member("alice", "Alice Smith");
        await alice.Says("hi").BotAsks("jurisdiction");

        var replies = await alice.ClicksValue(value);
        Assert.NotEmpty(replies.All);
        Assert.Empty((await _bot.StateOf(alice.Key))!.Answers);
    }

    private TranscriptClient Member(string id, string name) =>
        new(_bot.Engine, id, "supervision-group", ConversationScope.Group, name);

    public void Dispose() => _bot.Dispose();
}
