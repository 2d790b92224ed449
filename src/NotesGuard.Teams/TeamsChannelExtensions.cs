using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using NotesGuard.Conversations.Limits;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.State;
using NotesGuard.Teams.Authentication;
using NotesGuard.Teams.Cards;
using NotesGuard.Teams.Connector;
using NotesGuard.Teams.Inbound;
using NotesGuard.Teams.References;

namespace NotesGuard.Teams;

/// <summary>How the host plugs the Teams channel in: services, then endpoints.</summary>
public static class TeamsChannelExtensions
{
    public const string MessagesPath = "/api/messages";
    internal const string ConnectorClientName = "NotesGuard.Teams.Connector";

    /// <summary>Needs ITurnHandler and IStateStore from the conversation engine.</summary>
    public static IServiceCollection AddTeamsChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TeamsOptions>()
            .Bind(configuration.GetSection(TeamsOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);

        // No default request logging: connector URLs hold conversation and activity ids (as Slack's client).
        services.AddHttpClient(nameof(BotTokenValidator)).RemoveAllLoggers();
        services.AddHttpClient(MsalHttpClientFactory.ClientName).RemoveAllLoggers();
        services.AddHttpClient(ConnectorClientName, client => client.Timeout = ConnectorResilience.TotalTimeout)
            .RemoveAllLoggers()
            .AddConnectorHandlers();
        services.AddSingleton<ServiceUrlAllowList>();
        services.AddSingleton<TeamsTenants>();
        services.TryAddSingleton<IMsalHttpClientFactory, MsalHttpClientFactory>();
        services.TryAddSingleton<IBotTokenProvider, MsalBotTokenProvider>();
        // The host sets the real per-person limit (RateLimits:PerUserPerMinute); hosted alone, Teams has none.
        services.TryAddSingleton<IPersonRateLimiter, NoPersonRateLimit>();
        services.AddSingleton<BotTokenValidator>();
        services.AddSingleton<ConversationPacer>();
        // Everything on a turn's path is a singleton: nothing in it holds per-request state, and transient handlers meant
        // four TurnReplies, four connector clients and four HttpClients built for every activity.
        services.AddSingleton(sp => new BotConnectorClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ConnectorClientName),
            sp.GetRequiredService<ServiceUrlAllowList>(),
            sp.GetRequiredService<ILogger<BotConnectorClient>>()));
        services.AddSingleton(sp => new ConversationReferenceStore(
            sp.GetRequiredService<IStateStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<TeamsOptions>>(),
            sp.GetRequiredService<ILogger<ConversationReferenceStore>>(),
            sp.GetService<PracticeChannelDirectory>()));

        services.AddSingleton(sp => new TeamsProactiveMessenger(
            sp.GetRequiredService<ConversationReferenceStore>(),
            sp.GetRequiredService<BotConnectorClient>(),
            sp.GetRequiredService<ReplyRenderer>()));
        services.AddSingleton(sp => new TeamsPracticeChannel(
            sp.GetRequiredService<ConversationReferenceStore>(), sp.GetRequiredService<TeamsProactiveMessenger>(), sp.GetRequiredService<BotConnectorClient>(),
            sp.GetRequiredService<TeamsTenants>()));
        services.AddTransient<IPracticeChannel>(sp => sp.GetRequiredService<TeamsPracticeChannel>());
        services.AddTransient<IPracticeShareChannel>(sp => sp.GetRequiredService<TeamsPracticeChannel>());

        services.AddSingleton<CardButtons>();
        services.AddSingleton<QuestionCard>();
        services.AddSingleton<ReviewCard>();
        services.AddSingleton<GuidanceCard>();
        services.AddSingleton<MessageCard>();
        services.AddSingleton<DocumentsCard>();
        services.AddSingleton<ReplyRenderer>();

        services.AddSingleton<OpenQuestionCards>();
        services.AddSingleton<TurnReplies>();
        services.AddSingleton<MessageActivityHandler>();
        services.AddSingleton<ConversationUpdateHandler>();
        services.AddSingleton<CardActionInvokeHandler>();
        services.AddSingleton<InstallationUpdateHandler>();
        services.AddSingleton<ActivityRouter>();
        services.AddSingleton<MessagesEndpoint>();
        return services;
    }

    public static IEndpointRouteBuilder MapTeamsChannel(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var environment = endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>();
        if (!options.IsActive(environment.IsDevelopment()))
        {
            if (options.Enabled is null)
            {
                endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsChannelExtensions))
                    .LogWarning("The Teams channel is off: Teams:AppId is not set (environment {Environment}). See docs/teams.md.", environment.EnvironmentName);
            }

            return endpoints;
        }

        BuildTokenClient(endpoints.ServiceProvider);
        // A plain RequestDelegate on the singleton endpoint: no parameter binding or service lookup per request. Resolved
        // on the first request, not here, so start-up validation still reports every bad setting at once.
        MessagesEndpoint? messages = null;
        endpoints.MapPost(MessagesPath, context => (messages ??= context.RequestServices.GetRequiredService<MessagesEndpoint>()).HandleAsync(context));
        return endpoints;
    }

    /// <summary>
    /// MSAL checks its settings in its constructor. Build it at start-up, so a setting the validation missed
    /// stops the app with the keys named instead of turning every Teams request into a 500.
    /// </summary>
    private static void BuildTokenClient(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IBotTokenProvider>();
        }
        catch (Exception ex) when (ex is ArgumentException or MsalException or CryptographicException or InvalidOperationException)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TeamsOptions), [
                "The Teams token client could not be built from Teams:AppId, Teams:AppType, Teams:TenantId, Teams:TokenAuthority "
                + $"and the credential: {ex.Message}"]);
        }
    }
}
