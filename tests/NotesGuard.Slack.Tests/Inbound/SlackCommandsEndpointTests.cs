using System.Net;
using System.Text.Json.Nodes;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Slack.Tests.Fakes;

namespace NotesGuard.Slack.Tests.Inbound;

public sealed class SlackCommandsEndpointTests : IAsyncLifetime
{
    private SlackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonObject> CommandAsync(string text, string channel, string trigger = "trigger-command-1")
    {
        var response = await _host.Requests.CommandAsync(SlackPayloads.SlashCommand("U0ALEX", text, channel, _host.Slack.ResponseUrl("cmd"), trigger));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        return body;
    }

    [Fact]
    public async Task Help_answers_at_once_with_the_commands()
    {
        var body = await CommandAsync("help", "C0SUPERVISION");

        var text = body["text"]!.GetValue<string>();
        Assert.Contains("/notesguard new", text, StringComparison.Ordinal);
        Assert.Contains("forget-me", text, StringComparison.Ordinal);
        await _host.QueueDrainedAsync();
        Assert.Empty(_host.Engine.Turns);
    }

    [Fact]
    public async Task New_in_a_channel_starts_a_thread_naming_who_started_it_and_runs_the_case_there()
    {
        var body = await CommandAsync("new", "C0SUPERVISION");

        Assert.Contains("thread", body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var turn = Assert.Single(await _host.Engine.WaitForTurnsAsync(1));
        Assert.Equal("new", turn.Text);
        Assert.Equal(ConversationScope.Group, turn.Scope);
        var posts = await _host.Slack.WaitForAsync("chat.postMessage", count: 2);
        Assert.Contains("<@U0ALEX>", posts[0].Str("text"), StringComparison.Ordinal);
        Assert.Null(posts[0].Body["thread_ts"]);
        Assert.Equal(posts[0].AnsweredTs, posts[1].Str("thread_ts"));
        Assert.Equal($"T0PRACTICE:C0SUPERVISION:{posts[0].AnsweredTs}", turn.ConversationId);
    }

    [Fact]
    public async Task New_in_a_channel_the_bot_is_not_in_continues_in_a_direct_message_and_says_so()
    {
        _host.Slack.FailNext("chat.postMessage", "not_in_channel");

        await CommandAsync("", "C0NOTINVITED");

        var turn = Assert.Single(await _host.Engine.WaitForTurnsAsync(1));
        Assert.Equal("T0PRACTICE:DU0ALEX", turn.ConversationId);
        var notice = Assert.Single(await _host.Slack.WaitForAsync("response_url"));
        Assert.Contains("direct message", notice.Str("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_in_a_direct_message_restarts_there()
    {
        await CommandAsync("restart", "D0DIRECT");

        var turn = Assert.Single(await _host.Engine.WaitForTurnsAsync(1));
        Assert.Equal("restart", turn.Text);
        Assert.Equal(ConversationScope.Personal, turn.Scope);
    }

    [Fact]
    public async Task Forget_me_runs_through_the_engine_and_the_confirmation_comes_back_privately_on_the_response_url()
    {
        _host.Engine.Answer = _ => [new TextReply("I have deleted everything I held about you.", TextKind.Notice)];

        await CommandAsync("forget-me", "C0SUPERVISION");

        var turn = Assert.Single(await _host.Engine.WaitForTurnsAsync(1));
        Assert.Equal("forget me", turn.Text);
        Assert.Equal("T0PRACTICE:U0ALEX", turn.UserId);
        var reply = Assert.Single(await _host.Slack.WaitForAsync("response_url"));
        Assert.Equal("ephemeral", reply.Str("response_type"));
        Assert.Contains("deleted everything", reply.Str("text"), StringComparison.Ordinal);
        Assert.Empty(_host.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task The_response_url_never_reaches_the_log()
    {
        // Whoever holds a response_url can post to the user for half an hour: it is a secret like a token.
        _host.Engine.Answer = _ => [new TextReply("I have deleted everything I held about you.", TextKind.Notice)];
        var responseUrl = _host.Slack.ResponseUrl("Sekr3tResponseUrlToken");

        await _host.Requests.CommandAsync(SlackPayloads.SlashCommand("U0ALEX", "forget-me", "C0SUPERVISION", responseUrl, "trigger-1"));

        Assert.Single(await _host.Slack.WaitForAsync("response_url"));
        Assert.NotEmpty(_host.Logs.Lines);
        Assert.DoesNotContain("Sekr3tResponseUrlToken", _host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_subcommand_gets_the_usage()
    {
        var body = await CommandAsync("launch rockets", "C0SUPERVISION");

        Assert.Contains("/notesguard new", body["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_missing_its_ids_gets_a_clear_400()
    {
        var response = await _host.Requests.CommandAsync(new Dictionary<string, string> { ["command"] = "/notesguard", ["text"] = "new" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
