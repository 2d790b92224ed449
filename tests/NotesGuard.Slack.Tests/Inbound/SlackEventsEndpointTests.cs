using System.Net;
using System.Text;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Slack.Tests.Fakes;

namespace NotesGuard.Slack.Tests.Inbound;

public sealed class SlackEventsEndpointTests : IAsyncLifetime
{
    private SlackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Url_verification_echoes_the_challenge()
    {
        var response = await _host.Requests.EventAsync(SlackPayloads.UrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_direct_message_runs_a_private_walkthrough_and_the_reply_is_posted_in_the_dm()
    {
        var response = await _host.Requests.EventAsync(SlackPayloads.DirectMessage("Ev1", "U0ALEX", "hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turn = Assert.Single(await _host.Engine.WaitForTurnsAsync(1));
        Assert.Equal(ConversationScope.Personal, turn.Scope);
        Assert.Equal("slack", turn.ChannelId);
        Assert.Equal("T0PRACTICE:D0DIRECT", turn.ConversationId);
        Assert.Equal("T0PRACTICE:U0ALEX", turn.UserId);
        Assert.Equal("Ev1", turn.TurnId);
        Assert.Equal("hello", turn.Text);

        var post = Assert.Single(await _host.Slack.WaitForAsync("chat.postMessage"));
        Assert.Equal("D0DIRECT", post.Str("channel"));
        Assert.Null(post.Body["thread_ts"]);
        Assert.Equal(SlackTestHost.BotToken, post.Token);
        Assert.Equal("echo hello", post.Str("text"));
    }

    [Fact]
    public async Task A_null_in_the_authorizations_list_is_ignored_rather_than_failing_the_request()
    {
        var envelope = SlackPayloads.DirectMessage("EvNullAuth", "U0ALEX", "hello");
        envelope["authorizations"] = new System.Text.Json.Nodes.JsonArray(null, new System.Text.Json.Nodes.JsonObject { ["is_bot"] = true });

        var response = await _host.Requests.EventAsync(envelope);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello", Assert.Single(await _host.Engine.WaitForTurnsAsync(1)).Text);
    }

    [Fact]
    public async Task A_mention_in_a_channel_runs_the_walkthrough_in_that_messages_thread()
    {
        await _host.Requests.EventAsync(SlackPayloads.Mention("Ev2", "U0ALEX", "new case", ts: "1700000100.000200"));

        var turn = Assert.Single(await _host.Engine.WaitForTurnsAsync(1));
        Assert.Equal(ConversationScope.Group, turn.Scope);
        Assert.Equal("T0PRACTICE:C0SUPERVISION:1700000100.000200", turn.ConversationId);
        Assert.Equal("new case", turn.Text);
        var post = Assert.Single(await _host.Slack.WaitForAsync("chat.postMessage"));
        Assert.Equal("C0SUPERVISION", post.Str("channel"));
        Assert.Equal("1700000100.000200", post.Str("thread_ts"));
    }

    [Fact]
    public async Task A_mention_carries_the_senders_display_name_so_the_thread_shows_whose_case_it_is()
    {
        var mention = SlackPayloads.Mention("EvNamed", "U0ALEX", "new case");
        mention["event"]!["user_profile"] = new System.Text.Json.Nodes.JsonObject { ["display_name"] = "Alex", ["real_name"] = "Alex Smith", ["name"] = "alex.smith" };

        await _host.Requests.EventAsync(mention);

        Assert.Equal("Alex", Assert.Single(await _host.Engine.WaitForTurnsAsync(1)).UserDisplayName);
    }

    [Fact]
    public async Task A_mention_inside_a_thread_stays_in_that_thread_so_one_case_keeps_one_thread()
    {
        await _host.Requests.EventAsync(SlackPayloads.Mention("Ev3", "U0SAM", "yes", ts: "1700000150.000300", threadTs: "1700000100.000200"));

        var turn = Assert.Single(await _host.Engine.WaitForTurnsAsync(1));
        Assert.Equal("T0PRACTICE:C0SUPERVISION:1700000100.000200", turn.ConversationId);
        Assert.Equal("1700000100.000200", (await _host.Slack.WaitForAsync("chat.postMessage"))[0].Str("thread_ts"));
    }

    [Fact]
    public async Task Messages_from_bots_including_itself_and_edits_are_ignored()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.Requests.EventAsync(SlackPayloads.BotMessage("Ev4"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Requests.EventAsync(SlackPayloads.EditedMessage("Ev5", "U0ALEX"))).StatusCode);
        var own = SlackPayloads.DirectMessage("Ev6", SlackPayloads.BotUser, "my own words");
        Assert.Equal(HttpStatusCode.OK, (await _host.Requests.EventAsync(own)).StatusCode);

        // A real message after them is the only turn the engine ever sees.
        await _host.Requests.EventAsync(SlackPayloads.DirectMessage("Ev7", "U0ALEX", "hello"));
        var turns = await _host.Engine.WaitForTurnsAsync(1);
        await _host.QueueDrainedAsync();
        Assert.Equal("Ev7", Assert.Single(_host.Engine.Turns).TurnId);
        Assert.Single(turns);
    }

    [Fact]
    public async Task A_slack_retry_of_the_same_event_is_answered_once()
    {
        await _host.Requests.EventAsync(SlackPayloads.DirectMessage("EvRetry", "U0ALEX", "hello"));
        var retry = await _host.Requests.EventAsync(SlackPayloads.DirectMessage("EvRetry", "U0ALEX", "hello"), retryNumber: 1);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await _host.Slack.WaitForAsync("chat.postMessage");
        await _host.QueueDrainedAsync();
        Assert.Single(_host.Slack.CallsTo("chat.postMessage"));
    }

    [Theory]
    [InlineData("wrong-secret", 0)]
    [InlineData(SlackTestHost.SigningSecret, -600)]
    [InlineData(SlackTestHost.SigningSecret, 600)]
    public async Task Forged_stale_or_future_requests_get_401_and_nothing_happens(string secret, int skewSeconds)
    {
        var requests = new SignedSlackRequests(_host.Client, secret) { ClockSkew = TimeSpan.FromSeconds(skewSeconds) };

        var response = await requests.EventAsync(SlackPayloads.DirectMessage("EvForged", "U0ALEX", "hello"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await _host.QueueDrainedAsync();
        Assert.Empty(_host.Engine.Turns);
        Assert.Empty(_host.Slack.Calls);
    }

    [Fact]
    public async Task Without_a_signing_secret_slack_is_off_and_its_endpoints_say_so()
    {
        await using var off = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:SigningSecret"] = "", ["Slack:BotToken"] = "" });

        var response = await off.Requests.EventAsync(SlackPayloads.UrlVerification("c"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Slack:SigningSecret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_signature_headers_gets_401()
    {
        using var content = new StringContent(SlackPayloads.DirectMessage("EvBare", "U0ALEX", "hello").ToJsonString(), Encoding.UTF8, "application/json");

        var response = await _host.Client.PostAsync("/slack/events", content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Engine.Turns);
    }

    [Fact]
    public async Task A_huge_body_gets_413_before_it_is_read_into_memory()
    {
        var huge = Encoding.UTF8.GetBytes("{\"type\":\"event_callback\",\"pad\":\"" + new string('x', 2 * 1024 * 1024) + "\"}");

        var response = await _host.Requests.SendAsync("/slack/events", huge, "application/json");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.Engine.Turns);
    }

    [Fact]
    public async Task A_signed_body_that_is_not_json_gets_a_clear_400()
    {
        var response = await _host.Requests.SendAsync("/slack/events", Encoding.UTF8.GetBytes("{not json"), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Logs_never_contain_the_message_text_the_token_or_the_signature()
    {
        await _host.Requests.EventAsync(SlackPayloads.DirectMessage("EvLog", "U0ALEX", "my client Jane Doe"));
        await _host.Slack.WaitForAsync("chat.postMessage");
        await new SignedSlackRequests(_host.Client, "wrong").EventAsync(SlackPayloads.DirectMessage("EvLog2", "U0ALEX", "Jane Doe again"));

        Assert.DoesNotContain("Jane Doe", _host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackTestHost.BotToken, _host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("v0=", _host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_app_home_publishes_the_home_view_with_the_practice_helplines_and_a_new_case_button()
    {
        await _host.Requests.EventAsync(SlackPayloads.AppHomeOpened("EvHome", "U0ALEX"));

        var publish = Assert.Single(await _host.Slack.WaitForAsync("views.publish"));
        Assert.Equal("U0ALEX", publish.Str("user_id"));
        Assert.Equal("home", publish.Body["view"]!["type"]!.GetValue<string>());
        var view = publish.Body["view"]!.ToJsonString();
        Assert.Contains("0100 000 0001", view, StringComparison.Ordinal);
        Assert.Contains("ng-home-new", view, StringComparison.Ordinal);
        Assert.Contains("Riverside Therapy", view, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_only_for_the_user_is_sent_ephemerally()
    {
        _host.Engine.Answer = _ => [new TextReply("only you can see this") { OnlyForUser = true }];

        await _host.Requests.EventAsync(SlackPayloads.Mention("EvEph", "U0ALEX", "why"));

        var call = Assert.Single(await _host.Slack.WaitForAsync("chat.postEphemeral"));
        Assert.Equal("U0ALEX", call.Str("user"));
        Assert.Equal("C0SUPERVISION", call.Str("channel"));
        Assert.Empty(_host.Slack.CallsTo("chat.postMessage"));
    }
}
