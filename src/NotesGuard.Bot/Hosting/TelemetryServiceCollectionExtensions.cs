using Azure.Monitor.OpenTelemetry.Exporter;
using NotesGuard.Conversations.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NotesGuard.Bot.Hosting;

/// <summary>
/// OpenTelemetry traces, metrics and logs: NotesGuard's own (<see cref="NotesGuardTelemetry"/>) and ASP.NET Core's
/// requests. Exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OTEL_* variables tune it)
/// and to Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is; with neither, nothing is collected
/// (unless Telemetry:Enabled says so, as the tests with an in-memory exporter do). Health probes are left out of the traces: they are noise.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ApplicationInsightsVariable = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// "Telemetry:Enabled": collect traces, metrics and logs with OpenTelemetry. Defaults to whether an exporter is
    /// configured: with none, collecting would only cost each request an Activity, its tags and the request
    /// metrics, and nothing would read them (dotnet-counters listens to the meters by itself).
    /// </summary>
    public const string EnabledKey = "Telemetry:Enabled";

    public static IServiceCollection AddNotesGuardTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        var applicationInsights = !string.IsNullOrWhiteSpace(configuration[ApplicationInsightsVariable]);
        if (!configuration.GetValue(EnabledKey, otlp || applicationInsights))
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(NotesGuardTelemetry.Name))
            .WithTracing(tracing => tracing
                .AddSource(NotesGuardTelemetry.Name)
                // No spans for probes, nor for document downloads: their path is the short-lived token itself.
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/healthz")
                    && !context.Request.Path.StartsWithSegments("/readyz")
                    && !context.Request.Path.StartsWithSegments("/letters")))
            .WithMetrics(metrics => metrics
                .AddMeter(NotesGuardTelemetry.Name)
                .AddAspNetCoreInstrumentation())
            .WithLogging();

        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        // Set by the deployment templates for the Application Insights resource they create.
        if (applicationInsights)
        {
            telemetry.UseAzureMonitorExporter();
        }

        return services;
    }
}
