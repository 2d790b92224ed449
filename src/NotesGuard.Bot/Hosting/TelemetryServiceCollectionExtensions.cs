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
/// and to Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is; with neither, nothing leaves the process. Health probes are left out of the traces: they are noise.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ApplicationInsightsVariable = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddNotesGuardTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
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

        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]))
        {
            telemetry.UseOtlpExporter();
        }

        // Set by the deployment templates for the Application Insights resource they create.
        if (!string.IsNullOrWhiteSpace(configuration[ApplicationInsightsVariable]))
        {
            telemetry.UseAzureMonitorExporter();
        }

        return services;
    }
}
