using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Limits;
using NotesGuard.Conversations.Hosting;
using NotesGuard.Conversations.State;
using NotesGuard.Conversations.State.KeyRing;
using NotesGuard.Guidance;
using NotesGuard.Slack.Home;
using NotesGuard.Slack.Inbound;
using NotesGuard.Slack.Install;
using NotesGuard.Slack.Rendering;
using NotesGuard.Slack.WebApi;
using NotesGuard.Slack.Work;

namespace NotesGuard.Slack;

/// <summary>How the host plugs the Slack channel in: services, then endpoints.</summary>
public static class SlackChannelExtensions
{
    /// <summary>With the SQLite store, Data Protection keys (which encrypt workspace tokens) live in this folder under Storage:DataFolder.</summary>
    public const string KeysFolderName = DataProtectionKeyRing.KeysFolderName;

    public static IServiceCollection AddSlackChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>()
            .Bind(configuration.GetSection(SlackOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.AddShutdownDrain(configuration);
        // Storage settings are validated by the conversation engine; binding them here too keeps the key folder
        // right when Slack is hosted alone (its own tests).
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        // PracticeSettings are bound (and validated) by the host; App Home only reads them.
        services.AddOptions<PracticeSettings>();
        services.TryAddSingleton(TimeProvider.System);

        // Workspace tokens are encrypted with keys kept with the shared store, so every instance reads every install.
        services.AddKeyRingWithStateStore(configuration);

        // No request logging from HttpClient: it writes each URL, and a response_url is a capability (anyone
        // holding it can post to the user). SlackWebApiClient logs failures by method name instead.
        services.AddHttpClient<SlackWebApiClient>(client => client.Timeout = SlackApiResilience.TotalTimeout)
            .RemoveAllLoggers()
            .AddSlackApiHandlers();
        // The host sets the real per-person limit (RateLimits:PerUserPerMinute); hosted alone, Slack has none.
        services.TryAddSingleton<IPersonRateLimiter, NoPersonRateLimit>();
        services.AddSingleton<SlackAdmission>();
        services.AddSingleton<SlackRequestVerifier>();
        services.AddSingleton<SlackEventsEndpoint>();
        services.AddSingleton<SlackCommandsEndpoint>();
        services.AddSingleton<SlackInteractionsEndpoint>();
        services.AddScoped<SlackOAuthEndpoints>();
        services.AddSingleton<SlackWorkQueue>();
        services.AddSingleton<SlackInstallStore>();
        services.AddSingleton<SlackTokenSource>();
        services.AddSingleton<BlockKitRenderer>();
        services.AddSingleton<ReviewModalRenderer>();
        services.AddSingleton<AppHomeRenderer>();
        services.AddSingleton<AppHomeContentSource>();
        services.AddTransient<SlackPracticeChannel>();
        services.AddTransient<Conversations.Practice.IPracticeChannel>(sp => sp.GetRequiredService<SlackPracticeChannel>());
        services.AddTransient<Conversations.Practice.IPracticeShareChannel>(sp => sp.GetRequiredService<SlackPracticeChannel>());
        services.AddScoped<SlackReplySender>();
        services.AddScoped<SlackWorkRunner>();
        services.AddHostedService<SlackWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapSlackChannel(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/slack/events", (HttpContext context, SlackEventsEndpoint handler) => handler.HandleAsync(context));
        endpoints.MapPost("/slack/commands", (HttpContext context, SlackCommandsEndpoint handler) => handler.HandleAsync(context));
        endpoints.MapPost("/slack/interactions", (HttpContext context, SlackInteractionsEndpoint handler) => handler.HandleAsync(context));
        endpoints.MapGet("/slack/install", (HttpContext context, SlackOAuthEndpoints handler) => handler.Install(context));
        endpoints.MapGet("/slack/oauth/callback", (HttpContext context, SlackOAuthEndpoints handler) => handler.CallbackAsync(context));
        return endpoints;
    }
}
