using System.Threading.RateLimiting;

namespace NotesGuard.Conversations.Limits;

/// <summary>
/// A fixed window of <c>permitsPerWindow</c> acts per person and channel, from System.Threading.RateLimiting (the
/// same limiters ASP.NET Core's rate-limiting middleware uses). Idle partitions are dropped by the partitioned
/// limiter, so memory follows the number of recently active people.
/// </summary>
public sealed class PersonRateLimiter : IPersonRateLimiter, IDisposable
{
    private readonly TimeSpan _window;
    private readonly PartitionedRateLimiter<string> _acts;
    private readonly PartitionedRateLimiter<string> _notices;

    public PersonRateLimiter(int permitsPerWindow, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitsPerWindow, 1);
        _window = window;
        _acts = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(permitsPerWindow)));
        _notices = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(1)));
    }

    public PersonRateVerdict Check(string channelId, string personId)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(personId);

        // A newline never occurs in a channel id, so "a" + "b\nc" and "a\nb" + "c" cannot share a partition.
        var key = channelId + "\n" + personId;
        using var lease = _acts.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return PersonRateVerdict.Allow;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _window;
        using var notice = _notices.AttemptAcquire(key);
        return new PersonRateVerdict(false, retryAfter, notice.IsAcquired);
    }

    public void Dispose()
    {
        _acts.Dispose();
        _notices.Dispose();
    }

    private FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = _window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
