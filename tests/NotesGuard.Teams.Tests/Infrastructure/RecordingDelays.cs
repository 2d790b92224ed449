using System.Collections.Concurrent;

namespace NotesGuard.Teams.Tests.Infrastructure;

/// <summary>
/// A clock whose one-shot timers fire at once but remember how long they were asked to wait: retry tests
/// can check the bot honoured Retry-After without sleeping.
/// </summary>
public sealed class RecordingDelays : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (period == Timeout.InfiniteTimeSpan && dueTime > TimeSpan.Zero)
        {
            _delays.Enqueue(dueTime);
            dueTime = TimeSpan.Zero;
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
