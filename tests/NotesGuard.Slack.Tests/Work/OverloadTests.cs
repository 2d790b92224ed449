using System.Net;
using System.Text.Json.Nodes;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Slack.Tests.Fakes;
using NotesGuard.Slack.Work;

namespace NotesGuard.Slack.Tests.Work;

public sealed class OverloadTests : IAsyncLifetime
{
    private SlackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:Workers"] = "1", ["Slack:QueueCapacity"] = "1" });
        _host.Engine.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task DisposeAsync()
    {
        _host.Engine.Gate?.TrySetResult();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Requests_are_acknowledged_while_the_engine_is_still_working()
    {
        var response = await _host.Requests.EventAsync(SlackPayloads.DirectMessage("EvSlow", "U0ALEX", "hello"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _host.Engine.WaitForTurnsAsync(1);
        Assert.Empty(_host.Slack.CallsTo("chat.postMessage"));
        _host.Engine.Gate!.SetResult();
        await _host.Slack.WaitForAsync("chat.postMessage");
    }

    [Fact]
    public async Task When_the_queue_is_full_the_ack_still_comes_and_the_user_is_told_to_retry()
    {
        // One turn held by the only worker, one waiting in the queue of one: the third has no room.
        await _host.Requests.EventAsync(SlackPayloads.DirectMessage("EvA", "U0ALEX", "one"));
        await _host.Engine.WaitForTurnsAsync(1);
        await _host.Requests.EventAsync(SlackPayloads.DirectMessage("EvB", "U0ALEX", "two"));

        var third = await _host.Requests.EventAsync(SlackPayloads.Mention("EvC", "U0SAM", "three"));

        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        var notice = Assert.Single(await _host.Slack.WaitForAsync("chat.postEphemeral"));
        Assert.Equal("U0SAM", notice.Str("user"));
        Assert.Equal("C0SUPERVISION", notice.Str("channel"));
        Assert.Contains("try again", notice.Str("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slash_command_under_overload_is_answered_busy_in_the_response_itself()
    {
        await _host.Requests.EventAsync(SlackPayloads.DirectMessage("EvA", "U0ALEX", "one"));
        await _host.Engine.WaitForTurnsAsync(1);
        await _host.Requests.EventAsync(SlackPayloads.DirectMessage("EvB", "U0ALEX", "two"));

        var response = await _host.Requests.CommandAsync(SlackPayloads.SlashCommand("U0SAM", "new", "C0SUPERVISION", _host.Slack.ResponseUrl("c")));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(SlackWorkRunner.BusyText, body["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_click_under_overload_is_answered_busy_through_its_response_url()
    {
        await _host.Requests.EventAsync(SlackPayloads.DirectMessage("EvA", "U0ALEX", "one"));
        await _host.Engine.WaitForTurnsAsync(1);
        await _host.Requests.EventAsync(SlackPayloads.DirectMessage("EvB", "U0ALEX", "two"));

        var response = await _host.Requests.InteractionAsync(SlackPayloads.Click("U0SAM", "ng-button:1", "v", "D0SAM", "1700000001.000001", responseUrl: _host.Slack.ResponseUrl("click").ToString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = Assert.Single(await _host.Slack.WaitForAsync("response_url"));
        Assert.Equal(SlackWorkRunner.BusyText, notice.Str("text"));
    }

    [Fact]
    public async Task A_workspace_event_that_finds_the_queue_full_gets_503_so_slack_delivers_it_again()
    {
        await _host.Requests.EventAsync(SlackPayloads.DirectMessage("EvA", "U0ALEX", "one"));
        await _host.Engine.WaitForTurnsAsync(1);
        await _host.Requests.EventAsync(SlackPayloads.DirectMessage("EvB", "U0ALEX", "two"));
        var uninstall = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = SlackPayloads.Team,
            ["event_id"] = "EvGone",
            ["event"] = new JsonObject { ["type"] = "app_uninstalled", ["event_ts"] = "1700000000.000001" },
        };

        // Nobody could be told it was dropped (it is the workspace's, not a person's): Slack is asked to send it again.
        var refused = await _host.Requests.EventAsync(uninstall);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);

        _host.Engine.Gate!.SetResult();
        await _host.QueueDrainedAsync();
        var retried = await _host.Requests.EventAsync(uninstall, retryNumber: 1);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Fact]
    public void A_burst_of_channel_joins_is_not_held_to_one_persons_share_of_the_queue()
    {
        var queue = new SlackWorkQueue(Microsoft.Extensions.Options.Options.Create(new NotesGuard.Slack.SlackOptions { Workers = 1, QueueCapacity = 100, MaxQueuedPerPerson = 2 }));

        // The bot added to twelve channels at once: every join is queued, not the first two.
        var queued = Enumerable.Range(1, 12).Count(i => queue.TryEnqueue(new ChannelMembershipWork(SlackPayloads.Team, $"C{i}", Joined: true)));

        Assert.Equal(12, queued);
    }
}
