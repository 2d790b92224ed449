using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.Tests.Infrastructure;

namespace NotesGuard.Conversations.Tests.Dialogs;

/// <summary>help, why, back, restart, cancel, forget me and new case, at the points people use them.</summary>
public sealed class CommandTranscriptTests : IDisposable
{
    private readonly TestEngine _bot = new();

    [Fact]
    public async Task Help_explains_the_commands_and_asks_the_same_question_again()
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        await person.Chooses("england-wales");

        var replies = await person.Says("help");
        Assert.Contains(replies.Texts, t => t.Kind == TextKind.Help && t.Text.Contains("forget me", StringComparison.Ordinal));
        Assert.Equal("requester", replies.Question?.QuestionId);
    }

    [Fact]
    public async Task Why_gives_the_rulebooks_reason_for_the_open_question_and_keeps_the_answers()
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        await person.Chooses("england-wales").BotAsks("requester");

        var replies = await person.Says("Why?");
        Assert.Equal(_bot.Advisor.GetQuestion("requester").Why, Assert.Single(replies.Texts).Text);

        await person.Chooses("police").BotAsks("courtOrder");
    }

    [Fact]
    public async Task Back_asks_the_previous_question_again_and_the_new_answer_replaces_the_old()
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        await person.Chooses("england-wales").BotAsks("requester");
        await person.Chooses("police").BotAsks("courtOrder");

        var again = await person.Says("back").BotAsks("requester");
        Assert.Equal(2, again.Number);
        await person.Chooses("defence").BotAsks("courtOrder");
        await person.Chooses("no").BotAsks("safeguardingConcern");
        var review = await person.Chooses("no").BotShowsReview();
        Assert.Equal("defence", (await _bot.StateOf(person.Key))!.AnswerTo("requester"));
        Assert.Equal(["jurisdiction", "requester", "courtOrder", "safeguardingConcern"], review.Items.Select(i => i.QuestionId));
    }

    [Fact]
    public async Task Back_on_the_first_question_says_there_is_nothing_to_go_back_to()
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        await person.Says("back").BotSays("nothing to go back to");
        Assert.Equal("jurisdiction", person.Last.Question?.QuestionId);
    }

    [Fact]
    public async Task Back_button_after_the_card_reopens_the_review()
    {
        var person = new TranscriptClient(_bot.Engine);
        await WalkToCourtOrderCard(person);

        await person.Clicks("Back").BotShowsReview();
        await person.Clicks("Show the guidance").BotShowsGuidance("comply-with-court-order");
    }

    [Fact]
    public async Task Restart_starts_a_new_case_with_no_answers()
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        await person.Chooses("england-wales").BotAsks("requester");
        var before = (await _bot.StateOf(person.Key))!.CaseId;

        var first = await person.Says("restart").BotAsks("jurisdiction");
        Assert.Equal(1, first.Number);
        var state = await _bot.StateOf(person.Key);
        Assert.Empty(state!.Answers);
        Assert.NotEqual(before, state.CaseId);
    }

    [Fact]
    public async Task Cancel_clears_the_case_and_offers_a_new_one()
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        await person.Chooses("england-wales");

        await person.Says("cancel").BotSays("Cancelled");
        Assert.Null(await _bot.StateOf(person.Key));
        await person.Clicks("Start a new case").BotAsks("jurisdiction");
    }

    [Fact]
    public async Task Forget_me_deletes_every_walkthrough_of_that_person_in_the_channel_and_nobody_elses()
    {
        var inChat = new TranscriptClient(_bot.Engine, "alice", "chat-1");
        var inGroup = new TranscriptClient(_bot.Engine, "alice", "group-7");
        var bob = new TranscriptClient(_bot.Engine, "bob", "group-7");
        await inChat.Says("hi");
        await inGroup.Says("hi");
        await bob.Says("hi");

        await inChat.Says("forget me").BotSays("deleted everything");

        Assert.Null(await _bot.StateOf(inChat.Key));
        Assert.Null(await _bot.StateOf(inGroup.Key));
        Assert.NotNull(await _bot.StateOf(bob.Key));
    }

    [Fact]
    public async Task The_result_says_a_forget_me_happened_so_channels_need_not_recognise_the_command_themselves()
    {
        var person = new TranscriptClient(_bot.Engine);
        Assert.False((await person.Says("hi")).Result.ForgotPerson);
        Assert.False((await person.Says("help")).Result.ForgotPerson);

        var typed = await person.Says("forget me");
        Assert.True(typed.Result.ForgotPerson);

        await person.Says("hi");
        var clicked = await person.Send(null, new ButtonValue(ButtonAction.Command, "-", ButtonValue.OwnerTagOf(person.UserId), nameof(WalkthroughCommand.ForgetMe)).Encode(), null);
        Assert.True(clicked.Result.ForgotPerson);
        Assert.Null(await _bot.StateOf(person.Key));
    }

    [Fact]
    public async Task After_the_card_start_a_new_case_asks_the_first_question_of_a_fresh_case()
    {
        var person = new TranscriptClient(_bot.Engine);
        await WalkToCourtOrderCard(person);
        var oldCase = (await _bot.StateOf(person.Key))!.CaseId;

        var first = await person.Clicks("Start a new case").BotAsks("jurisdiction");
        Assert.NotEqual(oldCase, first.CaseId);
        Assert.Equal(1, first.Number);
    }

    [Fact]
    public async Task After_the_card_other_text_is_answered_with_a_way_to_start_a_new_case()
    {
        var person = new TranscriptClient(_bot.Engine);
        await WalkToCourtOrderCard(person);

        var replies = await person.Says("thanks!");
        Assert.Contains(replies.Texts, t => t.Buttons.Any(b => b.Title == "Start a new case"));
        await person.Says("new case").BotAsks("jurisdiction");
    }

    [Fact]
    public async Task Continue_after_the_card_says_the_case_is_finished_and_offers_a_new_one()
    {
        var person = new TranscriptClient(_bot.Engine);
        await WalkToCourtOrderCard(person);

        var replies = await person.Says("continue").BotSays("This case is finished");
        Assert.Contains(replies.Texts.Single().Buttons, b => b.Title == "Start a new case");
    }

    private static async Task WalkToCourtOrderCard(TranscriptClient person)
    {
        await person.Says("hi").BotAsks("jurisdiction");
        await person.Chooses("england-wales").BotAsks("requester");
        await person.Chooses("police").BotAsks("courtOrder");
        await person.Chooses("yes").BotAsks("safeguardingConcern");
        await person.Chooses("no").BotShowsReview();
        await person.Clicks("Show the guidance").BotShowsGuidance("comply-with-court-order");
    }

    public void Dispose() => _bot.Dispose();
}
