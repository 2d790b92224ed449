using System.Net;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Conversations.Replies;
using NotesGuard.Slack.Tests.Fakes;

namespace NotesGuard.Slack.Tests.Inbound;

public sealed class SlackInteractionsEndpointTests : IAsyncLifetime
{
    private const string Thread = "1700000100.000200";
    private const string QuestionTs = "1700000101.000001";
    private SlackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Clicking_a_choice_sends_its_value_and_replaces_the_question_with_the_answer_then_posts_the_next()
    {
        _host.Engine.Answer = _ =>
        [
            new AnsweredQuestionReply("case-1", "courtOrder", "Is there a court order?", "No", "alex", ReplacesClickedMessage: true),
            SampleReplies.Question("Who is asking for the notes?"),
        ];

        var response = await _host.Requests.InteractionAsync(SlackPayloads.Click("U0ALEX", "ng-button:2", "ng1|a|case-1|tag|courtOrder|no|", "C0SUPERVISION", QuestionTs, Thread));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turn = Assert.Single(await _host.Engine.WaitForTurnsAsync(1));
        Assert.Equal("ng1|a|case-1|tag|courtOrder|no|", turn.ActionValue);
        Assert.Equal($"T0PRACTICE:C0SUPERVISION:{Thread}", turn.ConversationId);
        // Delivery ids are kept where "forget me" cannot reach them, so they do not name the person.
        Assert.Equal("action:1700000200.000001", turn.TurnId);

        var update = Assert.Single(await _host.Slack.WaitForAsync("chat.update"));
        Assert.Equal(QuestionTs, update.Str("ts"));
        Assert.Equal("C0SUPERVISION", update.Str("channel"));
        Assert.Contains("No", update.RawBody, StringComparison.Ordinal);
        Assert.DoesNotContain("\"actions\"", update.RawBody, StringComparison.Ordinal);

        var next = Assert.Single(await _host.Slack.WaitForAsync("chat.postMessage"));
        Assert.Equal(Thread, next.Str("thread_ts"));
        Assert.Equal("Who is asking for the notes?", next.Str("text"));
    }

    [Fact]
    public async Task A_double_click_delivered_twice_is_answered_once()
    {
        var click = SlackPayloads.Click("U0ALEX", "ng-button:1", "ng1|a|case-1|tag|courtOrder|no|", "D0DIRECT", QuestionTs);

        await _host.Requests.InteractionAsync(click);
        await _host.Requests.InteractionAsync(click);

        await _host.Slack.WaitForAsync("chat.postMessage");
        await _host.QueueDrainedAsync();
        Assert.Single(_host.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task The_why_button_answers_only_the_person_who_asked()
    {
        var response = await _host.Requests.InteractionAsync(SlackPayloads.Click("U0SAM", "ng-why:4", "A court order changes what you must do.", "C0SUPERVISION", QuestionTs, Thread));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(await _host.Slack.WaitForAsync("chat.postEphemeral"));
        Assert.Equal("U0SAM", call.Str("user"));
        Assert.Equal(Thread, call.Str("thread_ts"));
        Assert.Contains("A court order changes what you must do.", call.RawBody, StringComparison.Ordinal);
        Assert.Empty(_host.Engine.Turns);
    }

    [Fact]
    public async Task The_review_opens_as_a_modal_and_submitting_it_shows_the_guidance_in_the_thread()
    {
        var review = SampleReplies.Review();
        _host.Engine.Answer = turn => turn.ActionValue == review.Confirm.Value ? [SampleReplies.Card()] : [review];

        await _host.Requests.InteractionAsync(SlackPayloads.Click("U0ALEX", "ng-button:1", "ng1|a|case-1|tag|safeguardingConcern|no|", "C0SUPERVISION", QuestionTs, Thread));

        var open = Assert.Single(await _host.Slack.WaitForAsync("views.open"));
        Assert.Equal("trigger-1700000200.000001", open.Str("trigger_id"));
        var view = open.Body["view"]!.AsObject();
        Assert.Equal("modal", view["type"]!.GetValue<string>());
        Assert.Equal("Show the guidance", view["submit"]!["text"]!.GetValue<string>());
        var metadata = view["private_metadata"]!.GetValue<string>();
        await _host.Slack.WaitForAsync("chat.postMessage");

        var submit = await _host.Requests.InteractionAsync(SlackPayloads.ViewSubmission("U0ALEX", metadata));

        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.Equal("", await submit.Content.ReadAsStringAsync());
        var turns = await _host.Engine.WaitForTurnsAsync(2);
        Assert.Equal(review.Confirm.Value, turns[1].ActionValue);
        Assert.Equal($"T0PRACTICE:C0SUPERVISION:{Thread}", turns[1].ConversationId);
        var posts = await _host.Slack.WaitForAsync("chat.postMessage", count: 2);
        Assert.Contains("Do not send notes yet", posts[1].Str("text"), StringComparison.Ordinal);
        Assert.Equal(Thread, posts[1].Str("thread_ts"));
    }

    [Fact]
    public async Task Changing_an_answer_in_the_modal_asks_the_question_again_in_the_conversation()
    {
        var metadata = "{\"team_id\":\"T0PRACTICE\",\"channel_id\":\"D0DIRECT\",\"thread_ts\":null,\"confirm_value\":\"ng1|c|case-1|tag|show-guidance||\"}";
        _host.Engine.Answer = _ => [SampleReplies.Question("Who is asking for the notes?")];

        await _host.Requests.InteractionAsync(SlackPayloads.ModalClick("U0ALEX", "ng-button:2", "ng1|x|case-1|tag|requester||", metadata));

        var turn = Assert.Single(await _host.Engine.WaitForTurnsAsync(1));
        Assert.Equal("ng1|x|case-1|tag|requester||", turn.ActionValue);
        Assert.Equal("T0PRACTICE:D0DIRECT", turn.ConversationId);
        Assert.Single(await _host.Slack.WaitForAsync("views.update"));
        Assert.Equal("D0DIRECT", (await _host.Slack.WaitForAsync("chat.postMessage"))[0].Str("channel"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"team_id\":\"T0PRACTICE\",\"channel_id\":null,\"confirm_value\":\"ng1|c|case-1|tag|show-guidance||\"}")]
    [InlineData("{\"team_id\":\"T0PRACTICE\",\"channel_id\":\"D0DIRECT\"}")]
    public void Modal_metadata_without_a_place_or_a_confirm_value_is_not_ours(string privateMetadata) =>
        Assert.Null(NotesGuard.Slack.Rendering.ReviewModalRenderer.ReadMetadata(privateMetadata));

    [Fact]
    public async Task Start_a_new_case_in_app_home_opens_the_direct_message_and_starts_there()
    {
        await _host.Requests.InteractionAsync(SlackPayloads.HomeClick("U0ALEX", "ng-home-new"));

        var turn = Assert.Single(await _host.Engine.WaitForTurnsAsync(1));
        Assert.Equal("new", turn.Text);
        Assert.Equal("T0PRACTICE:DU0ALEX", turn.ConversationId);
        Assert.Single(await _host.Slack.WaitForAsync("conversations.open"));
        Assert.Equal("DU0ALEX", (await _host.Slack.WaitForAsync("chat.postMessage"))[0].Str("channel"));
    }

    [Fact]
    public async Task A_payload_that_is_not_json_gets_a_clear_400()
    {
        var response = await _host.Requests.SendAsync("/slack/interactions", "payload=%7Bnope"u8.ToArray(), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_action_is_acknowledged_and_ignored()
    {
        var response = await _host.Requests.InteractionAsync(SlackPayloads.Click("U0ALEX", "someone-elses-action", "x", "D0DIRECT", QuestionTs));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _host.QueueDrainedAsync();
        Assert.Empty(_host.Engine.Turns);
        Assert.Empty(_host.Slack.Calls);
    }

    [Fact]
    public async Task When_the_clicked_question_cannot_be_updated_the_answer_is_posted_instead()
    {
        _host.Slack.FailNext("chat.update", "message_not_found");
        _host.Engine.Answer = _ => [new AnsweredQuestionReply("case-1", "courtOrder", "Is there a court order?", "No", null, true)];

        await _host.Requests.InteractionAsync(SlackPayloads.Click("U0ALEX", "ng-button:1", "v", "D0DIRECT", QuestionTs));

        var post = Assert.Single(await _host.Slack.WaitForAsync("chat.postMessage"));
        Assert.Contains("No", post.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_click_delivered_twice_is_answered_once_and_the_log_names_nobody()
    {
        var click = SlackPayloads.Click("U0PRIVATE7", "ng-button:2", "ng1|a|case-1|tag|courtOrder|no|", "C0SUPERVISION", QuestionTs, Thread);

        await _host.Requests.InteractionAsync(click);
        await _host.Requests.InteractionAsync(click);
        await _host.QueueDrainedAsync();

        Assert.Single(_host.Engine.Turns);
        Assert.Contains(_host.Logs.All.Split('\n'), l => l.Contains("already answered", StringComparison.Ordinal));
        // A click's delivery id is its time and the person's id: a person's id is never logged.
        Assert.DoesNotContain("U0PRIVATE7", _host.Logs.All, StringComparison.Ordinal);
    }
}
