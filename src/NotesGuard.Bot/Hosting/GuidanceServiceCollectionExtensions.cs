using Microsoft.Extensions.Options;
using NotesGuard.Guidance;

namespace NotesGuard.Bot.Hosting;

/// <summary>Practice settings (validated at start-up) and one advisor for the app's lifetime: the rulebook is parsed once.</summary>
public static class GuidanceServiceCollectionExtensions
{
    public static IServiceCollection AddGuidance(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PracticeSettings>()
            .Bind(configuration.GetSection(PracticeSettings.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PracticeSettings>, PracticeSettingsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PracticeSettings>>().Value);
        services.AddSingleton<IAdvisor>(sp => Advisor.Create(sp.GetRequiredService<PracticeSettings>()));
        services.AddHostedService<RulebookWarmUp>();
        return services;
    }
}
