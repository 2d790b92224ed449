using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NotesGuard.Conversations.Hosting;

/// <summary>
/// The "Shutdown" settings and the turn admission every part that drains on shutdown shares. Called by the
/// conversation engine and by the Slack channel (which a host may use with an engine of its own); safe twice.
/// </summary>
public static class ShutdownServiceCollectionExtensions
{
    public static IServiceCollection AddShutdownDrain(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(TurnAdmission)))
        {
            return services;
        }

        services.AddOptions<ShutdownOptions>()
            .Bind(configuration.GetSection(ShutdownOptions.SectionName))
            .Validate(o => o.GracePeriod >= TimeSpan.Zero && o.GracePeriod <= TimeSpan.FromMinutes(10), "Shutdown:GracePeriod must be between 00:00:00 and 00:10:00.")
            .ValidateOnStart();
        services.TryAddSingleton<TurnAdmission>();
        return services;
    }
}
