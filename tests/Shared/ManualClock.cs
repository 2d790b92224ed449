namespace NotesGuard.Tests.Shared;

/// <summary>A clock the test moves by hand, for expiry; timers still tick in real time.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _offsetTicks;

    public ManualClock()
        : this(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
