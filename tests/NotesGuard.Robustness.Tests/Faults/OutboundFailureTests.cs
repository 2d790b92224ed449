using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Slack.WebApi;
using NotesGuard.Teams.Tests.Infrastructure;

namespace NotesGuard.Robustness.Tests.Faults;

/// <summary>
/// Teams' connector and Slack's Web API failing under the real app: throttled (429), broken (500) or hanging past the
/// client's timeout. Each call is retried a bounded number of times and then given up with a logged failure; the
/// inbound request is still answered (never a 5xx), and a throttle that ends gets the reply through.
/// </summary>
public sealed class OutboundFailureTests
{
    private const int Attempts = 3;

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    public async Task A_teams_connector_that_keeps_failing_is_tried_a_bounded_number_of_times_then_logged(int status)
    {
        await using var connector = await FakeConnector.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var bot = await StartAsync(logs);
        connector.FailNext(1000, status, status == 429 ? "0" : null);

        using var response = await bot.Client.PostAsJsonAsync("/api/messages", TeamsMessage(connector.ServiceUrl, "hello", "always-" + status));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = connector.Calls.Where(c => c.ActivityType != "typing").ToList();
        Assert.InRange(replies.Count, 1, Attempts * 3);
        Assert.Contains(logs.Messages, m => m.Contains($"({status})", StringComparison.Ordinal) && m.Contains("Could not deliver", StringComparison.Ordinal));
        ReliabilityResults.Record($"outbound teams {status}", ("faultsInjected", replies.Count), ("unboundedRetries", 0));
    }

    [Fact]
    public async Task A_throttle_that_ends_still_gets_the_teams_reply_through()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = await StartAsync(new CapturingLoggerProvider());
        connector.FailNext(2, 429, "0");

        using var response = await bot.Client.PostAsJsonAsync("/api/messages", TeamsMessage(connector.ServiceUrl, "hello", "throttled-once"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(connector.Messages, m => (m.Body?.ToJsonString() ?? "").Contains("Question 1 of", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_teams_connector_that_hangs_times_out_a_bounded_number_of_times_then_is_logged()
    {
        using var hole = new BlackHole();
        var logs = new CapturingLoggerProvider();
        await using var bot = await StartAsync(logs);
        var clock = Stopwatch.StartNew();

        using var response = await bot.Client.PostAsJsonAsync("/api/messages", TeamsMessage(new Uri(hole.BaseAddress, "connector").ToString(), "hello", "hangs"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(hole.Connections, 1, Attempts * 4);
        Assert.Contains(logs.Messages, m => m.Contains("timed out", StringComparison.Ordinal));
        ReliabilityResults.Record("outbound teams timeout", ("faultsInjected", hole.Connections), ("unboundedRetries", 0));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    public async Task The_slack_api_that_keeps_failing_is_tried_a_bounded_number_of_times_then_logged(int status)
    {
        await using var slack = await FakeSlackWebApi.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var bot = await StartAsync(logs, slack.ApiBaseUrl);
        for (var i = 0; i < 100; i++)
        {
            if (status == 429)
            {
                slack.RateLimitNext("chat.postMessage", 0);
            }
            else
            {
                slack.StatusNext("chat.postMessage", status);
            }
        }

        var ack = await new SignedSlackRequests(bot.Client, SlackBotHarness.SigningSecret).EventAsync(SlackPayloads.DirectMessage("EvFail" + status, "U0FAIL", "hello"));
        await WaitForAsync(() => logs.Messages.Any(m => m.Contains("chat.postMessage", StringComparison.Ordinal) && m.Contains($"after {Attempts} attempts", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.InRange(slack.CallsTo("chat.postMessage").Count, Attempts, Attempts * 2);
        ReliabilityResults.Record($"outbound slack {status}", ("faultsInjected", slack.CallsTo("chat.postMessage").Count), ("unboundedRetries", 0));
    }

    [Fact]
    public async Task The_slack_api_that_hangs_times_out_a_bounded_number_of_times_then_is_logged()
    {
        using var hole = new BlackHole();
        var logs = new CapturingLoggerProvider();
        await using var bot = await StartAsync(logs, new Uri(hole.BaseAddress, "api/").ToString());

        var ack = await new SignedSlackRequests(bot.Client, SlackBotHarness.SigningSecret).EventAsync(SlackPayloads.DirectMessage("EvHang", "U0HANG", "hello"));
        await WaitForAsync(() => logs.Messages.Any(m => m.Contains("timed out after", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.InRange(hole.Connections, 1, Attempts * 2);
        ReliabilityResults.Record("outbound slack timeout", ("faultsInjected", hole.Connections), ("unboundedRetries", 0));
    }

    private static Task<RunningBot> StartAsync(CapturingLoggerProvider logs, string? slackApi = null) =>
        RunningBot.StartAsync(
            new Dictionary<string, string?>
            {
                ["Teams:MaxSendAttempts"] = Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Teams:RetryBaseDelay"] = "00:00:00.010",
                ["Slack:SigningSecret"] = SlackBotHarness.SigningSecret,
                ["Slack:BotToken"] = SlackBotHarness.BotToken,
                ["Slack:ApiBaseUrl"] = slackApi ?? "http://127.0.0.1:9/api/",
                ["Slack:MaxApiAttempts"] = Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            configure: builder =>
            {
                builder.Logging.AddProvider(logs);

                // Short client timeouts, so a hanging peer costs seconds rather than the production minutes. HttpClient's
                // timeout bounds a whole call, its retries and their waits included (the resilience handlers retry
                // inside it), so it leaves room for the attempts. PostConfigure: the channels set their own first.
                foreach (var client in new[] { "NotesGuard.Teams.Connector", nameof(SlackWebApiClient) })
                {
                    builder.Services.PostConfigure<HttpClientFactoryOptions>(client, o => o.HttpClientActions.Add(c => c.Timeout = TimeSpan.FromSeconds(3)));
                }
            });

    /// <summary>Polls (bounded) for something the app does after it has acknowledged the request.</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the app");
            await Task.Delay(50);
        }
    }

    private static JsonObject TeamsMessage(string serviceUrl, string text, string id) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal),
        ["from"] = new JsonObject { ["id"] = "29:outbound", ["name"] = "Person" },
        ["recipient"] = new JsonObject { ["id"] = "28:notesguard", ["name"] = "NotesGuard" },
        ["conversation"] = new JsonObject { ["id"] = "a:outbound-" + id, ["conversationType"] = "personal" },
        ["text"] = text,
    };
}
