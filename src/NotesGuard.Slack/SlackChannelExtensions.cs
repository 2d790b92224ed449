using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Hosting;
using NotesGuard.Conversations.State;
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
    /// <summary>Data Protection keys (which encrypt workspace tokens) live in this folder under Storage:DataFolder.</summary>
    public const string KeysFolderName = "data-protection-keys";

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

        services.AddDataProtection().SetApplicationName("NotesGuard");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(keys =>
        {
            // Keys must outlive restarts, or every stored workspace token becomes unreadable.
            var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
            var folder = sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveDataFolder(root);
            keys.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(folder, KeysFolderName)),
                sp.GetRequiredService<ILoggerFactory>());
        }));

        // No request logging from HttpClient: it writes each URL, and a response_url is a capability (anyone
        // holding it can post to the user). SlackWebApiClient logs failures by method name instead.
        services.AddHttpClient<SlackWebApiClient>(client => client.Timeout = TimeSpan.FromSeconds(15)).RemoveAllLoggers();
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
