using System.Collections.Concurrent;

namespace NotesGuard.Tests.Shared;

/// <summary>
/// A clock on which waits (Task.Delay: Retry-After, backoff) end at once but are recorded, so a test can check how
/// long the code chose to wait without waiting or timing anything. Timeouts (a CancellationTokenSource's CancelAfter,
/// as the resilience handler's attempt timeout) keep real time: ending those at once would fail every call.
/// </summary>
public sealed class RecordingDelays : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (state is not CancellationTokenSource && period == Timeout.InfiniteTimeSpan && dueTime > TimeSpan.Zero)
        {
            _delays.Enqueue(dueTime);
            dueTime = TimeSpan.Zero;
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
