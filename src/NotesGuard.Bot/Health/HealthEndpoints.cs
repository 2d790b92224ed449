using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace NotesGuard.Bot.Health;

/// <summary>/healthz: the process answers (liveness). /readyz: the state store is reachable and the app is not shutting down (readiness).</summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddNotesGuardHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StateStoreHealthCheck>("state-store", tags: [ReadyTag])
            .AddCheck<AcceptingTurnsHealthCheck>("accepting-turns", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapNotesGuardHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }
}
