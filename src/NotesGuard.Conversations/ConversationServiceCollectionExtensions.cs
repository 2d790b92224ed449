using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;
using NotesGuard.Conversations.Dialogs;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Hosting;
using NotesGuard.Conversations.State;
using NotesGuard.Conversations.Telemetry;

namespace NotesGuard.Conversations;

/// <summary>Registers the conversation engine: the advice dialog, the state store and its purge, and ITurnHandler.</summary>
public static class ConversationServiceCollectionExtensions
{
    /// <summary>The SQLite file's name inside Storage:DataFolder.</summary>
    public const string DatabaseFileName = "notesguard-state.db";

    /// <summary>Needs IAdvisor and PracticeSettings registered by the host.</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IStateStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
            return StateStores.FromOptions(options, root, sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<AdviceDialog>();
        services.AddShutdownDrain(configuration);
        services.TryAddSingleton<ConversationEngine>();
        // Outermost: a failed turn (the store unreachable) still gets a reply; inside it every turn is measured,
        // failures included.
        services.TryAddSingleton<ITurnHandler>(sp => new StoreFailureReplies(
            new InstrumentedTurnHandler(sp.GetRequiredService<ConversationEngine>()),
            sp.GetRequiredService<ILogger<StoreFailureReplies>>()));
        services.AddHostedService<StatePurgeService>();
        return services;
    }
}
