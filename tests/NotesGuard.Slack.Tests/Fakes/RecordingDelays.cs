using System.Collections.Concurrent;

namespace NotesGuard.Slack.Tests.Fakes;

/// <summary>
/// A clock whose delays end at once but are recorded, so a test can check how long the code chose to wait
/// (Retry-After, backoff) without waiting or timing anything.
/// </summary>
public sealed class RecordingDelays : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _waits.Enqueue(dueTime);
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new EndedTimer();
    }

    private sealed class EndedTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
