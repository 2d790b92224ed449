using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Hosting;
using NotesGuard.Conversations.Telemetry;

namespace NotesGuard.Slack.Work;

/// <summary>
/// Works the queue after Slack has had its ack: one worker per lane, so an overload queues (and then refuses
/// politely) rather than exhausting the machine. One failed item is logged and never stops the others.
/// On shutdown every acknowledged request is still answered: the worker waits for the requests being
/// acknowledged, closes the queue, and works it empty; only past Shutdown:GracePeriod is the rest abandoned.
/// </summary>
internal sealed partial class SlackWorker(
    SlackWorkQueue queue,
    IServiceScopeFactory scopes,
    TurnAdmission admission,
    IOptions<ShutdownOptions> shutdown,
    ILogger<SlackWorker> logger) : BackgroundService
{
    // Cancelled only when the grace period runs out, not when stopping starts: stopping means "drain".
    private readonly CancellationTokenSource _abandon = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = Enumerable.Range(0, queue.LaneCount)
            .Select(lane => Task.Run(() => WorkLoopAsync(lane, _abandon.Token), CancellationToken.None))
            .Append(Task.Run(() => NoticeLoopAsync(_abandon.Token), CancellationToken.None));
        return Task.WhenAll(loops);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        _abandon.CancelAfter(shutdown.Value.GracePeriod);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abandon.Token);
        try
        {
            // The host closed admission when stopping began; requests already admitted may still be enqueueing.
            await admission.WaitForInFlightAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // Out of time: close the queue anyway.
        }

        queue.Complete();
        await base.StopAsync(cancellationToken);
        if (_abandon.IsCancellationRequested)
        {
            LogAbandoned(logger, shutdown.Value.GracePeriod);
        }
        else
        {
            LogDrained(logger, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
        }
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }

    private async Task WorkLoopAsync(int lane, CancellationToken abandon)
    {
        try
        {
            await foreach (var work in queue.Lane(lane).ReadAllAsync(abandon))
            {
                NotesGuardTelemetry.SlackDequeued();
                try
                {
                    await RunAsync(work, abandon);
                }
                finally
                {
                    queue.Done(work);
                }
            }
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // The grace period ran out.
        }
    }

    private async Task NoticeLoopAsync(CancellationToken abandon)
    {
        try
        {
            await foreach (var notice in queue.Notices.ReadAllAsync(abandon))
            {
                try
                {
                    await RunAsync(notice, abandon);
                }
                finally
                {
                    queue.Done(notice);
                }
            }
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            // The grace period ran out.
        }
    }

    private async Task RunAsync(SlackWork work, CancellationToken abandon)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SlackWorkRunner>().RunAsync(work, abandon);
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One bad item must not stop the worker; it is logged by kind, without its content.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The failure's type, code and stack, not its message (free text, which could hold what was typed).
            logger.LogError("Slack work {Kind} failed: {Failure}", work.GetType().Name, LoggedFailure.WithStack(ex));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack queue drained for shutdown in {Seconds:0.0} s")]
    private static partial void LogDrained(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack work still queued after the shutdown grace period of {GracePeriod} was abandoned")]
    private static partial void LogAbandoned(ILogger logger, TimeSpan gracePeriod);
}
