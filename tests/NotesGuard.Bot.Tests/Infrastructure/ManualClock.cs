namespace NotesGuard.Bot.Tests.Infrastructure;

/// <summary>A clock the test moves by hand; timers still tick in real time.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
