using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Conversations.Practice;

/// <summary>Registers practice admins, cards, broadcasts and the audit trail, and puts the practice commands in front of the engine.</summary>
public static class PracticeServiceCollectionExtensions
{
    /// <summary>Call after AddConversations; the channels add their <see cref="IPracticeChannel"/>.</summary>
    public static IServiceCollection AddPractice(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PracticeOptions>().Bind(configuration.GetSection(PracticeOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PracticeOptions>, PracticeOptionsValidator>();
        services.TryAddSingleton<PracticeAdmins>();
        services.TryAddSingleton(sp => new PracticeCards(
            sp.GetRequiredService<IAdvisor>() is Advisor advisor ? advisor.Rulebook : RulebookLoader.Load(sp.GetRequiredService<PracticeSettings>()),
            sp.GetRequiredService<PracticeSettings>(),
            sp.GetRequiredService<IOptions<PracticeOptions>>()));
        services.TryAddSingleton<PracticeChannelDirectory>();
        services.AddHostedService<PracticeDirectoryScrub>();
        services.TryAddSingleton<AuditTrail>();
        services.TryAddSingleton<PracticeBroadcaster>();
        services.TryAddSingleton<PracticeCaseSharing>();
        // The practice commands sit in front of whatever turn handler is registered; nothing registered before is lost.
        // They read and write the store too (the channel list, the audit trail, shares, broadcast receipts), so they
        // get the same polite "send it again" as the walkthrough when the store cannot be reached, not a 500 or silence.
        if (!services.DecorateTurnHandler((sp, inner) => new StoreFailureReplies(new PracticeTurnHandler(
            inner,
            sp.GetRequiredService<PracticeAdmins>(),
            sp.GetRequiredService<PracticeCards>(),
            sp.GetRequiredService<PracticeBroadcaster>(),
            sp.GetRequiredService<PracticeChannelDirectory>(),
            sp.GetRequiredService<AuditTrail>(),
            sp.GetRequiredService<IStateStore>(),
            sp.GetRequiredService<IOptions<StorageOptions>>(),
            sp.GetRequiredService<PracticeCaseSharing>(),
            sp.GetRequiredService<TimeProvider>()), sp.GetRequiredService<ILogger<StoreFailureReplies>>())))
        {
            throw new InvalidOperationException("AddPractice needs an ITurnHandler: call AddConversations first.");
        }

        return services;
    }
}
