using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Conversations.Replies;
using NotesGuard.Slack.Tests.Fakes;

namespace NotesGuard.Slack.Tests.Inbound;

/// <summary>
/// A response_url is where NotesGuard posts a person's private replies. One that points anywhere but Slack's hooks
/// host (here: the fake Slack, as Slack:ResponseUrlBase) is never called; the reply goes to the person through the
/// Web API instead.
/// </summary>
public sealed class SlackResponseUrlTests : IAsyncLifetime
{
    private SlackTestHost _host = null!;
    private FakeSlackWebApi _elsewhere = null!;

    public async Task InitializeAsync()
    {
        _host = await SlackTestHost.StartAsync();
        _elsewhere = await FakeSlackWebApi.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _elsewhere.DisposeAsync();
    }

    [Fact]
    public async Task A_commands_response_url_on_another_host_is_never_called()
    {
        _host.Engine.Answer = _ => [new TextReply("I have deleted everything I held about you.", TextKind.Notice)];

        await _host.Requests.CommandAsync(SlackPayloads.SlashCommand("U0ALEX", "forget-me", "C0SUPERVISION", _elsewhere.ResponseUrl("stolen")));

        var reply = Assert.Single(await _host.Slack.WaitForAsync("chat.postEphemeral"));
        Assert.Equal("U0ALEX", reply.Str("user"));
        Assert.Empty(_elsewhere.Calls);
        Assert.Empty(_host.Slack.CallsTo("response_url"));
    }
}
