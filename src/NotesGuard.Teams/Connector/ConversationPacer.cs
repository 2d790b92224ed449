using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace NotesGuard.Teams.Connector;

/// <summary>
/// Keeps each conversation under Teams' throttle (about 7 operations per second): a token bucket per
/// conversation, waiting in order rather than provoking 429s. Idle buckets are dropped by the limiter.
/// </summary>
internal sealed class ConversationPacer : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ConversationPacer(IOptions<TeamsOptions> options)
    {
        var perSecond = options.Value.OperationsPerSecondPerConversation;
        _limiter = PartitionedRateLimiter.Create<string, string>(conversationId =>
            RateLimitPartition.GetTokenBucketLimiter(conversationId, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 10_000,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
    }

    public async Task WaitTurnAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(conversationId, 1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new ConnectorException(null, "too many queued operations for one conversation");
        }
    }

    public void Dispose() => _limiter.Dispose();
}
