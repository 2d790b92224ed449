using Microsoft.Extensions.Diagnostics.HealthChecks;
using NotesGuard.Conversations.State;

namespace NotesGuard.Bot.Health;

/// <summary>Ready only when the state store answers: without it no walkthrough can continue.</summary>
internal sealed class StateStoreHealthCheck(IStateStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.IsReachableAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy("state store reachable")
            : HealthCheckResult.Unhealthy("state store unreachable");
}
