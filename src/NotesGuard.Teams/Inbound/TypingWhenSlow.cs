namespace NotesGuard.Teams.Inbound;

/// <summary>
/// "NotesGuard is typing…" only for a turn that is slow, as the Bot Framework's ShowTypingMiddleware does: a turn
/// that has its replies within <see cref="TeamsOptions.TypingDelay"/> sends none (it would cost a connector call
/// and the reply is there before the dots would show); a slower one sends it once the delay is up. Stopping returns
/// the typing call if it started, so the caller sends the replies after it, never before.
/// </summary>
internal sealed class TypingWhenSlow : IDisposable
{
    private readonly Func<Task> _sendTyping;
    private readonly ITimer? _timer;
    private readonly Lock _gate = new();
    private bool _stopped;
    private Task? _typing;

    private TypingWhenSlow(Func<Task> sendTyping, TimeProvider clock, TimeSpan delay)
    {
        _sendTyping = sendTyping;
        if (delay <= TimeSpan.Zero)
        {
            _typing = sendTyping();
            return;
        }

        _timer = clock.CreateTimer(static state => ((TypingWhenSlow)state!).DelayIsUp(), this, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Starts the clock before the turn's work, so the delay counts from the activity's arrival.</summary>
    public static TypingWhenSlow Start(Func<Task> sendTyping, TimeProvider clock, TimeSpan delay) => new(sendTyping, clock, delay);

    /// <summary>The turn has its replies: no typing from now on; the returned task ends once a started one is sent.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            _stopped = true;
        }

        _timer?.Dispose();
        return _typing ?? Task.CompletedTask;
    }

    public void Dispose() => _ = StopAsync();

    private void DelayIsUp()
    {
        lock (_gate)
        {
            if (!_stopped)
            {
                // Started on the pool, not here: the call's setup must not run while the lock holds StopAsync off.
                _typing = Task.Run(_sendTyping);
            }
        }
    }
}
