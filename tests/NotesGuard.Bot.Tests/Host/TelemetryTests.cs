using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Hosting;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Bot.Tests.Slack;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace NotesGuard.Bot.Tests.Host;

/// <summary>NotesGuard's meter and activity source are process-wide, so these tests run with no other test beside them.</summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>
/// The real app with OpenTelemetry's in-memory exporter in place of OTLP: a walkthrough in the web chat and a
/// Slack message against a failing fake Slack API leave the spans and metrics docs/operations.md lists, and
/// none of them carries what the user typed or who they are.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_web_chat_walkthrough_records_a_span_per_turn_turn_counts_latency_and_the_outcome_code()
    {
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        await using var bot = await RunningBot.StartAsync(new Dictionary<string, string?> { [TelemetryServiceCollectionExtensions.EnabledKey] = "true" }, configure: builder => builder.Services
            .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(activities))
            .ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics)));

        var chat = new WebChatHttpClient(bot.Client, "telemetry-conversation", "telemetry-person");
        await chat.SaysAsync("hello");
        await chat.ClicksAsync("England or Wales");
        await chat.ClicksAsync("The police");
        await chat.SaysAsync("no");
        await chat.SaysAsync("suspect");
        await chat.SaysAsync("no");
        await chat.ClicksAsync("Show the guidance");
        Flush(bot);

        var turns = activities.Where(a => a.OperationName == "notesguard.turn").ToList();
        Assert.Equal(7, turns.Count);
        Assert.All(turns, t => Assert.Equal("webchat", t.GetTagItem("notesguard.channel")));
        Assert.Equal("suspect-records-request", Assert.Single(turns, t => t.GetTagItem("notesguard.outcome") is not null).GetTagItem("notesguard.outcome"));
        // Each turn's span sits inside the ASP.NET Core request span of its POST /chat/turn.
        var requests = activities.Where(a => a.Source.Name == "Microsoft.AspNetCore").ToDictionary(a => a.SpanId);
        Assert.All(turns, t => Assert.Equal("/chat/turn", requests[t.ParentSpanId].GetTagItem("url.path")));

        Assert.Equal(7, Sum(metrics, "notesguard.turns", ("notesguard.channel", "webchat"), ("notesguard.result", "replied")));
        Assert.Equal(7, HistogramCount(metrics, "notesguard.turn.duration", ("notesguard.channel", "webchat")));
        Assert.Equal(1, Sum(metrics, "notesguard.outcomes", ("notesguard.channel", "webchat"), ("notesguard.outcome", "suspect-records-request")));

        // Privacy: no span tag or metric tag holds typed text or the person's or conversation's id.
        var tagValues = activities.SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString() ?? "")
            .Concat(metrics.SelectMany(Points).SelectMany(p => Tags(p)).Select(t => t.Value?.ToString() ?? "")).ToList();
        Assert.DoesNotContain(tagValues, v => v.Contains("telemetry-person", StringComparison.Ordinal) || v.Contains("telemetry-conversation", StringComparison.Ordinal) || v == "hello");
    }

    [Fact]
    public async Task Slack_work_records_the_queue_depth_and_web_api_retries_and_failures()
    {
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        await using var slack = await FakeSlackWebApi.StartAsync();
        await using var bot = await RunningBot.StartAsync(
            new Dictionary<string, string?>
            {
                ["Slack:SigningSecret"] = SlackBotHarness.SigningSecret,
                ["Slack:BotToken"] = SlackBotHarness.BotToken,
                ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
                ["Slack:MaxApiAttempts"] = "2",
                [TelemetryServiceCollectionExtensions.EnabledKey] = "true",
            },
            configure: builder => builder.Services
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(activities))
                .ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics)));
        var requests = new SignedSlackRequests(bot.Client, SlackBotHarness.SigningSecret);

        // The first question's post is rate-limited once (retried), then fails with 500 on its last attempt.
        slack.RateLimitNext("chat.postMessage", 0);
        slack.StatusNext("chat.postMessage", 500);
        await requests.EventAsync(SlackPayloads.DirectMessage("EvTelemetry1", "U0TELEMETRY", "hello"));
        await slack.WaitForAsync("chat.postMessage", count: 2);
        // A second message is answered normally, so the queue is seen to drain to nothing.
        await requests.EventAsync(SlackPayloads.DirectMessage("EvTelemetry2", "U0TELEMETRY", "hello again", ts: "1700000002.000100"));
        await slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Answer?["ok"]?.GetValue<bool>() == true);
        await WaitUntilAsync(() => { Flush(bot); return Sum(metrics, "notesguard.turns", ("notesguard.channel", "slack"), ("notesguard.result", "replied")) >= 2; });

        Assert.Equal(1, Sum(metrics, "notesguard.channel_api.retries", ("notesguard.channel", "slack"), ("notesguard.operation", "chat.postMessage")));
        Assert.Equal(1, Sum(metrics, "notesguard.channel_api.errors", ("notesguard.channel", "slack"), ("notesguard.operation", "chat.postMessage"), ("error.type", "http_500")));
        Assert.Equal(0, Sum(metrics, "notesguard.slack.queue.depth"));
        Assert.Contains(metrics, m => m.Name == "notesguard.slack.queue.depth");
        Assert.Equal(2, activities.Count(a => a.OperationName == "notesguard.turn" && (string?)a.GetTagItem("notesguard.channel") == "slack"));
    }

    [Fact]
    public async Task With_an_otlp_endpoint_and_an_application_insights_connection_string_the_app_starts_and_answers()
    {
        // Both point at a closed loopback port: the exporters are wired and fail quietly, the bot is unaffected.
        await using var bot = await RunningBot.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] =
                "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/;LiveEndpoint=http://127.0.0.1:9/",
        });

        var chat = new WebChatHttpClient(bot.Client);
        await chat.SaysAsync("hello");

        Assert.NotNull(chat.QuestionText);
        Assert.NotNull(bot.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Without_an_exporter_nothing_is_collected_so_requests_pay_for_no_spans()
    {
        await using var bot = await RunningBot.StartAsync();

        var chat = new WebChatHttpClient(bot.Client);
        await chat.SaysAsync("hello");

        Assert.NotNull(chat.QuestionText);
        Assert.Null(bot.Services.GetService<TracerProvider>());
        Assert.Null(bot.Services.GetService<MeterProvider>());
    }

    private static void Flush(RunningBot bot)
    {
        bot.Services.GetRequiredService<TracerProvider>().ForceFlush();
        bot.Services.GetRequiredService<MeterProvider>().ForceFlush();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the expected telemetry did not arrive within 20 s");
            await Task.Delay(100);
        }
    }

    /// <summary>The latest exported value of a counter, summed over the points whose tags include all of <paramref name="tags"/>.</summary>
    private static long Sum(List<Metric> metrics, string name, params (string Key, string Value)[] tags)
    {
        var latest = metrics.LastOrDefault(m => m.Name == name);
        return latest is null ? 0 : Points(latest).Where(p => Matches(p, tags)).Sum(p => p.GetSumLong());
    }

    private static long HistogramCount(List<Metric> metrics, string name, params (string Key, string Value)[] tags)
    {
        var latest = metrics.LastOrDefault(m => m.Name == name);
        return latest is null ? 0 : Points(latest).Where(p => Matches(p, tags)).Sum(p => p.GetHistogramCount());
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            points.Add(point);
        }

        return points;
    }

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }

        return tags;
    }

    private static bool Matches(MetricPoint point, (string Key, string Value)[] wanted) =>
        wanted.All(w => Tags(point).Any(t => t.Key == w.Key && Equals(t.Value?.ToString(), w.Value)));
}
