using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Hosting;

namespace NotesGuard.Bot.Hosting;

/// <summary>
/// SIGTERM (docker stop, App Service, Kubernetes) starts a drain, not a cut: new turns get 503 with Retry-After,
/// so Teams and Slack redeliver them to another instance; turns in flight finish; the Slack worker empties its
/// queue; all within Shutdown:GracePeriod, which also sets how long the host waits for its services.
/// </summary>
public static class GracefulShutdown
{
    /// <summary>Time on top of the grace period for the host to stop Kestrel and dispose after the drain.</summary>
    private static readonly TimeSpan HostMargin = TimeSpan.FromSeconds(5);

    private static readonly string[] TurnPaths = ["/api/messages", "/slack/events", "/slack/commands", "/slack/interactions", "/chat/turn", "/api/advice", "/api/practice/broadcast"];

    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services)
    {
        services.AddOptions<HostOptions>().Configure<IOptions<ShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = shutdown.Value.GracePeriod + HostMargin);
        return services;
    }

    public static WebApplication UseGracefulShutdown(this WebApplication app)
    {
        var admission = app.Services.GetRequiredService<TurnAdmission>();
        app.Lifetime.ApplicationStopping.Register(admission.Close);
        app.Use(async (context, next) =>
        {
            if (!IsTurn(context.Request.Path))
            {
                await next(context);
                return;
            }

            using var lease = admission.TryEnter();
            if (lease is null)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "5";
                context.Response.Headers.Connection = "close";
                return;
            }

            await next(context);
        });
        return app;
    }

    // A loop, not Any(lambda): this runs on every request, and the lambda would allocate a closure each time.
    private static bool IsTurn(PathString path)
    {
        foreach (var turnPath in TurnPaths)
        {
            if (path.StartsWithSegments(turnPath, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
