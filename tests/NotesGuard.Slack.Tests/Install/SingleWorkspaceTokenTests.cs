using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Slack.Tests.Fakes;

namespace NotesGuard.Slack.Tests.Install;

/// <summary>
/// Slack:BotToken answers only its own workspace. A workspace with no install of its own gets no reply at all,
/// rather than replies sent with (and on behalf of) another practice's bot.
/// </summary>
public sealed class SingleWorkspaceTokenTests
{
    private static async Task MessageFromAsync(SlackTestHost host, string team, string eventId, string user, string channel)
    {
        var message = SlackPayloads.DirectMessage(eventId, user, eventId, channel: channel);
        message["team_id"] = team;
        await host.Requests.EventAsync(message);
    }

    [Theory]
    [InlineData("T0PRACTICE")] // the token's workspace configured as Slack:TeamId
    [InlineData("")] // learnt from auth.test
    public async Task A_workspace_without_an_install_is_not_answered_with_the_single_workspace_token(string configuredTeam)
    {
        await using var host = await SlackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:TeamId"] = configuredTeam,
            ["Slack:Workers"] = "1",
        });

        await MessageFromAsync(host, "T0OTHER", "EvOther", "U0EVE", "D0EVE");
        await MessageFromAsync(host, SlackPayloads.Team, "EvOwn", "U0ALEX", "D0ALEX");

        var answered = Assert.Single(await host.Slack.WaitForAsync("chat.postMessage"));
        Assert.Equal("D0ALEX", answered.Str("channel"));
        Assert.Equal(SlackTestHost.BotToken, answered.Token);
        Assert.DoesNotContain(host.Slack.Calls, c => c.Str("channel") == "D0EVE");
        Assert.Equal(configuredTeam.Length == 0 ? 1 : 0, host.Slack.CallsTo("auth.test").Count);
    }

    [Fact]
    public async Task When_auth_test_says_the_token_is_another_workspaces_nobody_else_is_answered_with_it()
    {
        await using var host = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:TeamId"] = "", ["Slack:Workers"] = "1" });
        host.Slack.AuthTestTeam = "T0OWNER";

        await MessageFromAsync(host, SlackPayloads.Team, "EvNotOwner", "U0ALEX", "D0ALEX");
        await MessageFromAsync(host, "T0OWNER", "EvOwner", "U0OWEN", "D0OWEN");

        var answered = Assert.Single(await host.Slack.WaitForAsync("chat.postMessage"));
        Assert.Equal("D0OWEN", answered.Str("channel"));
    }
}
