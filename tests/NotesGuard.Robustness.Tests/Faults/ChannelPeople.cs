using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Teams.Tests.Infrastructure;

namespace NotesGuard.Robustness.Tests.Faults;

/// <summary>
/// One person per channel typing their answers ("1" picks the first choice), and what each of them last saw,
/// read from the web chat's answer, the fake Slack's posts and the fake connector's activities.
/// </summary>
internal sealed class ChannelPeople(HttpClient bot, FakeSlackWebApi slack, FakeConnector connector, string tag)
{
    private readonly WebChatHttpClient _web = new(bot, "web-" + tag, "web-" + tag);
    private readonly SignedSlackRequests _slack = new(bot, SlackBotHarness.SigningSecret);
    private int _turns;

    private string SlackChannel => "D0" + tag.ToUpperInvariant();

    private string TeamsConversation => "a:teams-" + tag;

    /// <summary>The same typed text from the person in each channel, all at once; returns what each saw next.</summary>
    public async Task<(string Web, string Slack, string Teams)> SayAsync(string text)
    {
        var turn = Interlocked.Increment(ref _turns);
        var web = WebAsync(text);
        var slackSaw = SlackAsync(text, turn);
        var teamsSaw = TeamsAsync(text, turn);
        return (await web, await slackSaw, await teamsSaw);
    }

    private async Task<string> SlackAsync(string text, int turn)
    {
        var before = SlackCalls().Count;
        var endsBefore = SlackCalls().Count(EndsTurn);
        await _slack.EventAsync(SlackPayloads.DirectMessage($"Ev{tag}{turn}", "U0" + tag.ToUpperInvariant(), text, SlackChannel, $"17000000{turn:D2}.000100"));
        await slack.WaitForAsync(c => IsToSlackPerson(c) && EndsTurn(c), endsBefore + 1, 120_000);
        return string.Join("\n", SlackCalls().Skip(before).Select(c => c.RawBody));
    }

    private async Task<string> TeamsAsync(string text, int turn)
    {
        var before = TeamsCalls().Count;
        using var teams = await bot.PostAsJsonAsync("/api/messages", new JsonObject
        {
            ["type"] = "message",
            ["id"] = $"teams-{tag}-{turn}",
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.ServiceUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal),
            ["from"] = new JsonObject { ["id"] = "29:" + tag, ["name"] = "Person" },
            ["recipient"] = new JsonObject { ["id"] = "28:notesguard", ["name"] = "NotesGuard" },
            ["conversation"] = new JsonObject { ["id"] = TeamsConversation, ["conversationType"] = "personal" },
            ["text"] = text,
        });
        if ((int)teams.StatusCode >= 500)
        {
            throw new InvalidOperationException($"Teams got {(int)teams.StatusCode}");
        }

        return string.Join("\n", TeamsCalls().Skip(before).Select(c => c.Body?.ToJsonString()));
    }

    /// <summary>The web chat answer as text; a 5xx fails the test.</summary>
    public async Task<string> WebAsync(string text)
    {
        using var response = await bot.PostAsJsonAsync("/chat/turn", new { conversationId = "web-" + tag, userId = "web-" + tag, text });
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode >= 500)
        {
            throw new InvalidOperationException($"/chat/turn answered {(int)response.StatusCode}: {body}");
        }

        return body;
    }

    /// <summary>The last message of a turn: the next question, or the request to send the answer again.</summary>
    private static bool EndsTurn(FakeSlackCall call) =>
        call.RawBody.Contains("of about", StringComparison.Ordinal) || call.RawBody.Contains("save that just now", StringComparison.Ordinal);

    private bool IsToSlackPerson(FakeSlackCall call) =>
        call.Method is "chat.postMessage" or "chat.postEphemeral" or "chat.update" && call.Str("channel") == SlackChannel;

    private List<FakeSlackCall> SlackCalls() => [.. slack.Calls.Where(IsToSlackPerson)];

    private List<ConnectorCall> TeamsCalls() => [.. connector.Messages.Where(c => c.RawPath.Contains(Uri.EscapeDataString(TeamsConversation), StringComparison.Ordinal))];
}
