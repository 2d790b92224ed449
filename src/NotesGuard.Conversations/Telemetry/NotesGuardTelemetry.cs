using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NotesGuard.Conversations.Telemetry;

/// <summary>
/// NotesGuard's own traces and metrics, under one name ("NotesGuard") that the host subscribes to and exports
/// over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (docs/operations.md). Tags carry channel names, outcome
/// codes, operation names and error kinds only: never message text, user or conversation ids, or tokens.
/// </summary>
public static class NotesGuardTelemetry
{
    public const string Name = "NotesGuard";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Turns = Meter.CreateCounter<long>(
        "notesguard.turns", "{turn}", "Turns handled, by channel and result (replied, duplicate, busy, failed).");

    private static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>(
        "notesguard.turn.duration", "s", "Time the conversation engine took over one turn, by channel.");

    private static readonly Counter<long> Outcomes = Meter.CreateCounter<long>(
        "notesguard.outcomes", "{card}", "Guidance cards shown, by channel and outcome code.");

    private static readonly Counter<long> StoreErrors = Meter.CreateCounter<long>(
        "notesguard.store.errors", "{error}", "Turns the state store failed, by channel and error type.");

    private static readonly Counter<long> StoreRetries = Meter.CreateCounter<long>(
        "notesguard.store.retries", "{retry}", "Turns applied again because another turn of the same walkthrough wrote first.");

    private static readonly Counter<long> ChannelApiErrors = Meter.CreateCounter<long>(
        "notesguard.channel_api.errors", "{error}", "Calls to the Teams connector or Slack Web API that failed for good, by channel and reason.");

    private static readonly Counter<long> ChannelApiRetries = Meter.CreateCounter<long>(
        "notesguard.channel_api.retries", "{retry}", "Calls to the Teams connector or Slack Web API tried again, by channel and reason.");

    private static readonly UpDownCounter<long> SlackQueueDepth = Meter.CreateUpDownCounter<long>(
        "notesguard.slack.queue.depth", "{item}", "Acknowledged Slack requests waiting for a worker.");

    /// <summary>Starts the span of one turn; null when nobody listens.</summary>
    public static Activity? StartTurn(string channel)
    {
        var activity = Source.StartActivity("notesguard.turn", ActivityKind.Internal);
        activity?.SetTag("notesguard.channel", channel);
        return activity;
    }

    public static void TurnHandled(string channel, string result, TimeSpan duration)
    {
        var tags = new TagList { { "notesguard.channel", channel }, { "notesguard.result", result } };
        Turns.Add(1, tags);
        TurnDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("notesguard.channel", channel));
    }

    public static void OutcomeShown(string channel, string outcome) =>
        Outcomes.Add(1, new KeyValuePair<string, object?>("notesguard.channel", channel), new KeyValuePair<string, object?>("notesguard.outcome", outcome));

    public static void StoreFailed(string channel, Exception error) =>
        StoreErrors.Add(1, new KeyValuePair<string, object?>("notesguard.channel", channel), new KeyValuePair<string, object?>("error.type", error.GetType().Name));

    public static void StoreRetried(string channel) =>
        StoreRetries.Add(1, new KeyValuePair<string, object?>("notesguard.channel", channel));

    public static void ChannelApiFailed(string channel, string operation, string reason) =>
        ChannelApiErrors.Add(1, ChannelApiTags(channel, operation, reason));

    public static void ChannelApiRetried(string channel, string operation, string reason) =>
        ChannelApiRetries.Add(1, ChannelApiTags(channel, operation, reason));

    public static void SlackQueued() => SlackQueueDepth.Add(1);

    public static void SlackDequeued() => SlackQueueDepth.Add(-1);

    private static TagList ChannelApiTags(string channel, string operation, string reason) =>
        new() { { "notesguard.channel", channel }, { "notesguard.operation", operation }, { "error.type", reason } };
}
