using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Bot.Tests.Slack;

namespace NotesGuard.Bot.Tests.Limits;

/// <summary>
/// RateLimits:PerUserPerMinute, counted per authenticated person after the channel has checked the request. Teams
/// and Slack need a 200 (Slack would retry anything else, Teams would show a failed delivery), so the person over
/// the limit is told politely instead; someone else in the same workspace or team is not slowed down at all.
/// </summary>
public sealed class PerPersonLimitTests
{
    private const string TooFast = "You are going faster than NotesGuard can follow";

    private static Dictionary<string, string?> Limit(int perUser) => new()
    {
        ["RateLimits:PerUserPerMinute"] = perUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task A_slash_command_over_the_limit_is_answered_politely_with_retry_after_and_another_person_is_not_limited()
    {
        await using var harness = await SlackBotHarness.StartAsync(Limit(2));
        for (var i = 0; i < 2; i++)
        {
            await harness.Requests.CommandAsync(SlackPayloads.SlashCommand("U0ALEX", "help", "C0SUPERVISION", harness.Slack.ResponseUrl($"a{i}")));
        }

        using var alexAgain = await harness.Requests.CommandAsync(SlackPayloads.SlashCommand("U0ALEX", "help", "C0SUPERVISION", harness.Slack.ResponseUrl("a3")));
        using var sam = await harness.Requests.CommandAsync(SlackPayloads.SlashCommand("U0SAM", "help", "C0SUPERVISION", harness.Slack.ResponseUrl("s1")));

        Assert.Equal(HttpStatusCode.OK, alexAgain.StatusCode);
        Assert.Contains(TooFast, await alexAgain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(alexAgain.Headers.RetryAfter?.Delta);
        Assert.DoesNotContain(TooFast, await sam.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("/notesguard new", await sam.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slack_messages_over_the_limit_are_acknowledged_not_worked_and_the_sender_is_told_once()
    {
        await using var harness = await SlackBotHarness.StartAsync(Limit(2));
        for (var i = 0; i < 4; i++)
        {
            using var ack = await harness.Requests.EventAsync(SlackPayloads.DirectMessage($"EvAlex{i}", "U0ALEX", "hello", channel: "D0ALEX"));
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        await harness.Requests.EventAsync(SlackPayloads.DirectMessage("EvSam", "U0SAM", "hello", channel: "D0SAM"));

        var notice = Assert.Single(await harness.Slack.WaitForAsync(c => c.Method == "chat.postEphemeral" && c.Str("text")!.Contains(TooFast, StringComparison.Ordinal)));
        Assert.Equal("U0ALEX", notice.Str("user"));
        Assert.Equal("D0ALEX", notice.Str("channel"));
        await harness.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D0SAM");
        Assert.DoesNotContain(harness.Slack.Calls, c => c.Str("user") == "U0SAM" && c.RawBody.Contains(TooFast, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_teams_message_over_the_limit_gets_a_polite_reply_and_another_person_is_not_limited()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        await using var bot = await RunningBot.StartAsync(Limit(2));
        for (var i = 0; i < 2; i++)
        {
            await bot.Client.PostAsJsonAsync("/api/messages", Message(connector, "hello", "a:alex", "29:alex"));
        }

        var before = connector.Messages.Count;
        using var alexAgain = await bot.Client.PostAsJsonAsync("/api/messages", Message(connector, "hello", "a:alex", "29:alex"));

        Assert.Equal(HttpStatusCode.OK, alexAgain.StatusCode);
        var told = Assert.Single(connector.Messages.Skip(before));
        Assert.Contains(TooFast, told.Body?["text"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("/v3/conversations/a%3Aalex/", told.RawPath, StringComparison.Ordinal);

        var beforeSam = connector.Messages.Count;
        await bot.Client.PostAsJsonAsync("/api/messages", Message(connector, "hello", "a:sam", "29:sam"));
        var samsReplies = connector.Messages.Skip(beforeSam).ToList();
        Assert.NotEmpty(samsReplies);
        Assert.DoesNotContain(samsReplies, m => (m.Body?["text"]?.GetValue<string>() ?? "").Contains(TooFast, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slack_click_over_the_limit_is_acknowledged_and_the_person_told_through_its_response_url()
    {
        await using var harness = await SlackBotHarness.StartAsync(Limit(1));
        await harness.Requests.InteractionAsync(SlackPayloads.Click("U0ALEX", "ng-why:1", "Because.", "D0ALEX", "1700000001.000001", actionTs: "1700000001.000002"));

        using var again = await harness.Requests.InteractionAsync(SlackPayloads.Click(
            "U0ALEX", "ng-why:1", "Because.", "D0ALEX", "1700000001.000001", actionTs: "1700000001.000003", responseUrl: harness.Slack.ResponseUrl("click").ToString()));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var notice = Assert.Single(await harness.Slack.WaitForAsync("response_url"));
        Assert.Contains(TooFast, notice.Str("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_teams_card_click_over_the_limit_is_told_in_the_invoke_response()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        await using var bot = await RunningBot.StartAsync(Limit(1));
        await bot.Client.PostAsJsonAsync("/api/messages", Message(connector, "hello", "a:alex", "29:alex"));
        var click = Message(connector, "", "a:alex", "29:alex");
        click["type"] = "invoke";
        click["name"] = "adaptiveCard/action";
        click["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["data"] = new JsonObject() } };

        using var response = await bot.Client.PostAsJsonAsync("/api/messages", click);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.Contains(TooFast, body["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static JsonObject Message(FakeBotConnector connector, string text, string conversationId, string userId) => new()
    {
        ["type"] = "message",
        ["id"] = $"teams-{Guid.NewGuid():N}",
        ["channelId"] = "msteams",
        ["serviceUrl"] = connector.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = userId, ["name"] = userId },
        ["recipient"] = new JsonObject { ["id"] = "28:notesguard", ["name"] = "NotesGuard" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal" },
        ["text"] = text,
    };
}
