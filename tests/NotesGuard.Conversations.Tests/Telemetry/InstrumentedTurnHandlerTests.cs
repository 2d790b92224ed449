using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Telemetry;

namespace NotesGuard.Conversations.Tests.Telemetry;

/// <summary>
/// What the turn decorator counts for each way a turn can end. Each test uses a channel name of its own, so
/// measurements from tests running beside it (the meter is process-wide) never mix in.
/// </summary>
public sealed class InstrumentedTurnHandlerTests
{
    [Fact]
    public async Task A_failing_store_counts_a_failed_turn_and_a_store_error_by_type_and_the_exception_still_reaches_the_channel()
    {
        var channel = $"test-{Guid.NewGuid():N}";
        using var measurements = new Measurements(channel);
        var handler = new InstrumentedTurnHandler(new Throwing(new TimeoutException("store did not answer")));

        await Assert.ThrowsAsync<TimeoutException>(() => handler.HandleAsync(Turn(channel)));

        Assert.Equal(1, measurements.Sum("notesguard.turns", ("notesguard.result", "failed")));
        Assert.Equal(1, measurements.Sum("notesguard.store.errors", ("error.type", "TimeoutException")));
    }

    [Fact]
    public async Task A_duplicate_delivery_is_counted_as_a_duplicate_not_a_reply()
    {
        var channel = $"test-{Guid.NewGuid():N}";
        using var measurements = new Measurements(channel);
        var handler = new InstrumentedTurnHandler(new Answering(TurnResult.Duplicate));

        await handler.HandleAsync(Turn(channel));

        Assert.Equal(1, measurements.Sum("notesguard.turns", ("notesguard.result", "duplicate")));
        Assert.Equal(0, measurements.Sum("notesguard.turns", ("notesguard.result", "replied")));
        Assert.Equal(0, measurements.Sum("notesguard.store.errors"));
    }

    private static Turn Turn(string channel) => new(channel, "conversation", "user", Guid.NewGuid().ToString("N"), ConversationScope.Personal, "hello");

    private sealed class Throwing(Exception error) : ITurnHandler
    {
        public Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken = default) => Task.FromException<TurnResult>(error);
    }

    private sealed class Answering(TurnResult result) : ITurnHandler
    {
        public Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken = default) => Task.FromResult(result);
    }

    /// <summary>NotesGuard's long-valued measurements whose channel tag is <paramref name="channel"/>.</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentBag<(string Name, long Value, Dictionary<string, string?> Tags)> _seen = [];

        public Measurements(string channel)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == NotesGuardTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                var map = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var tag in tags)
                {
                    map[tag.Key] = tag.Value?.ToString();
                }

                if (map.GetValueOrDefault("notesguard.channel") == channel)
                {
                    _seen.Add((instrument.Name, value, map));
                }
            });
            _listener.Start();
        }

        public long Sum(string name, params (string Key, string Value)[] tags) =>
            _seen.Where(m => m.Name == name && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value)).Sum(m => m.Value);

        public void Dispose() => _listener.Dispose();
    }
}
