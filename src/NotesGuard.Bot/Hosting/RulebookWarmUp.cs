using NotesGuard.Guidance;

namespace NotesGuard.Bot.Hosting;

/// <summary>
/// Builds the advisor while the app starts, so a broken rulebook stops start-up with its message instead of
/// failing the first person's turn, and no turn pays for parsing.
/// </summary>
internal sealed class RulebookWarmUp(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IAdvisor>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
