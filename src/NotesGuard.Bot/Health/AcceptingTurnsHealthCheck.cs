using Microsoft.Extensions.Diagnostics.HealthChecks;
using NotesGuard.Conversations.Hosting;

namespace NotesGuard.Bot.Health;

/// <summary>Not ready once shutdown has begun, so a load balancer stops sending turns while the instance drains.</summary>
internal sealed class AcceptingTurnsHealthCheck(TurnAdmission admission) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(admission.IsClosed ? HealthCheckResult.Unhealthy("shutting down") : HealthCheckResult.Healthy());
}
