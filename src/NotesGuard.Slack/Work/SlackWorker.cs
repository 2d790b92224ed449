using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NotesGuard.Conversations.Telemetry;

namespace NotesGuard.Slack.Work;

/// <summary>
/// Works the queue after Slack has had its ack: one worker per lane, so an overload queues (and then refuses
/// politely) rather than exhausting the machine. One failed item is logged and never stops the others.
/// </summary>
internal sealed class SlackWorker(
    SlackWorkQueue queue,
    IServiceScopeFactory scopes,
    ILogger<SlackWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = Enumerable.Range(0, queue.LaneCount)
            .Select(lane => Task.Run(() => WorkLoopAsync(lane, stoppingToken), stoppingToken))
            .Append(Task.Run(() => NoticeLoopAsync(stoppingToken), stoppingToken));
        return Task.WhenAll(loops);
    }

    private async Task WorkLoopAsync(int lane, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var work in queue.Lane(lane).ReadAllAsync(stoppingToken))
            {
                NotesGuardTelemetry.SlackDequeued();
                await RunAsync(work, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task NoticeLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var notice in queue.Notices.ReadAllAsync(stoppingToken))
            {
                await RunAsync(notice, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunAsync(SlackWork work, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SlackWorkRunner>().RunAsync(work, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One bad item must not stop the worker; it is logged by kind, without its content.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Slack work {Kind} failed", work.GetType().Name);
        }
    }
}
