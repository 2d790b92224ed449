using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotesGuard.Conversations.Hosting;

namespace NotesGuard.Conversations.Practice;

/// <summary>
/// Once, soon after start: <see cref="PracticeChannelDirectory.ScrubLegacyNamesAsync"/>, in the background so a slow
/// or unreachable store does not hold start-up (a failure is logged; any later change to a list scrubs it too).
/// </summary>
internal sealed partial class PracticeDirectoryScrub(PracticeChannelDirectory directory, ILogger<PracticeDirectoryScrub> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await directory.ScrubLegacyNamesAsync(stoppingToken).ConfigureAwait(false))
            {
                LogScrubbed(logger);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogScrubFailed(logger, LoggedFailure.Describe(ex));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed group names kept by an earlier version from the practice's channel list")]
    private static partial void LogScrubbed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove group names kept by an earlier version from the practice's channel list ({Failure}); the next change to the list will")]
    private static partial void LogScrubFailed(ILogger logger, string failure);
}
