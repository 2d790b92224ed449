namespace NotesGuard.Conversations.Hosting;

/// <summary>
/// Counts the turn requests in flight and refuses new ones once the app starts stopping, so a shutdown knows
/// when everything acknowledged has been handed on: the host closes it on SIGTERM, the Slack worker waits for
/// it to empty before it closes its queue.
/// </summary>
public sealed class TurnAdmission
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _idle;
    private int _inFlight;
    private bool _closed;

    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    /// <summary>A lease to dispose when the request is done, or null when the app is stopping.</summary>
    public IDisposable? TryEnter()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return null;
            }

            _inFlight++;
            return new Lease(this);
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }

    /// <summary>Completes when no admitted request is left; call after <see cref="Close"/>.</summary>
    public Task WaitForInFlightAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_inFlight == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    private void Leave()
    {
        lock (_gate)
        {
            if (--_inFlight == 0)
            {
                _idle?.TrySetResult();
                _idle = null;
            }
        }
    }

    private sealed class Lease(TurnAdmission admission) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                admission.Leave();
            }
        }
    }
}
