using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Hosting;

namespace NotesGuard.Conversations.State;

/// <summary>Deletes expired records of every kind and expired delivery ids every <see cref="StorageOptions.PurgeInterval"/>.</summary>
public sealed partial class StatePurgeService(
    IStateStore store,
    IOptions<StorageOptions> options,
    TimeProvider clock,
    ILogger<StatePurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        do
        {
            try
            {
                var removed = await store.PurgeExpiredAsync(stoppingToken).ConfigureAwait(false);
                if (removed > 0)
                {
                    LogPurged(logger, removed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed purge is retried on the next tick; expired records already read as absent.
                LogPurgeFailed(logger, LoggedFailure.Describe(ex));
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Removed} expired record(s)")]
    private static partial void LogPurged(ILogger logger, int removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired records failed: {Failure}")]
    private static partial void LogPurgeFailed(ILogger logger, string failure);
}
