using System.Net;
using System.Text.Json.Nodes;
using NotesGuard.Bot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Slack.Inbound;
using NotesGuard.Slack.Install;
using NotesGuard.Slack.Tests.Fakes;

namespace NotesGuard.Slack.Tests.Inbound;

/// <summary>
/// Slack:AllowedTeamIds applies to every inbound request, not only to installs: a workspace not on the list is
/// acknowledged (so Slack does not retry) and nothing of its runs. With one worker the queue is first in, first out,
/// so once a later request from the practice's own workspace is answered, the stranger's would have been too.
/// </summary>
public sealed class SlackWorkspaceAllowListTests : IAsyncLifetime
{
    private const string Stranger = "T0STRANGER";
    private const string StrangerToken = "xoxb-stranger-install";
    private SlackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SlackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:AllowedTeamIds:0"] = SlackPayloads.Team,
            ["Slack:Workers"] = "1",
            ["Slack:ClientId"] = "1234.5678",
            ["Slack:ClientSecret"] = "client-secret-abc",
        });

        // The stranger installed NotesGuard before the practice set its list: its token is still on file, so only
        // the check on each request stands between its people and a working NotesGuard.
        await _host.Services.GetRequiredService<SlackInstallStore>().SaveAsync(
            new SlackInstallation(Stranger, StrangerToken, "U0STRANGERBOT", "Stranger Ltd", DateTimeOffset.UtcNow));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static JsonObject FromStranger(JsonObject payload)
    {
        payload["team_id"] = Stranger;
        return payload;
    }

    /// <summary>A DM from the practice's own workspace, answered once everything queued before it has been worked.</summary>
    private async Task PracticeMessageIsAnsweredAsync()
    {
        await _host.Requests.EventAsync(SlackPayloads.DirectMessage("EvPractice", "U0ALEX", "marker"));
        await _host.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("text") == "echo marker");
    }

    [Fact]
    public async Task An_event_from_a_workspace_not_on_the_list_is_acknowledged_and_never_worked()
    {
        var response = await _host.Requests.EventAsync(FromStranger(SlackPayloads.DirectMessage("EvStranger", "U0EVE", "hello", channel: "D0EVE")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await PracticeMessageIsAnsweredAsync();
        Assert.DoesNotContain(_host.Engine.Turns, t => t.UserId.StartsWith(Stranger, StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Slack.Calls, c => c.Str("channel") == "D0EVE");
        Assert.Single(_host.Slack.CallsTo("chat.postMessage"));
        Assert.DoesNotContain(_host.Slack.Calls, c => c.Token == StrangerToken);
    }

    [Fact]
    public async Task A_slash_command_from_a_workspace_not_on_the_list_is_told_so_and_never_worked()
    {
        var command = SlackPayloads.SlashCommand("U0EVE", "new", "C0ELSEWHERE", _host.Slack.ResponseUrl("stranger"));
        command["team_id"] = Stranger;

        var response = await _host.Requests.CommandAsync(command);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(SlackAdmission.RefusedTeamText, body["text"]!.GetValue<string>());
        await PracticeMessageIsAnsweredAsync();
        Assert.Single(_host.Engine.Turns);
        Assert.Empty(_host.Slack.CallsTo("response_url"));
        Assert.DoesNotContain(_host.Slack.Calls, c => c.Str("channel") == "C0ELSEWHERE");
    }

    [Fact]
    public async Task A_click_from_a_workspace_not_on_the_list_is_acknowledged_and_never_worked()
    {
        var click = SlackPayloads.Click("U0EVE", "ng-button:1", "v", "D0EVE", "1700000001.000001", responseUrl: _host.Slack.ResponseUrl("click").ToString());
        click["team"]!["id"] = Stranger;
        click["user"]!["team_id"] = Stranger;

        var response = await _host.Requests.InteractionAsync(click);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await PracticeMessageIsAnsweredAsync();
        Assert.Single(_host.Engine.Turns);
        Assert.Empty(_host.Slack.CallsTo("response_url"));
        Assert.DoesNotContain(_host.Slack.Calls, c => c.Token == StrangerToken);
    }
}
