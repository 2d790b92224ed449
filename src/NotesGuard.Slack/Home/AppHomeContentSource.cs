using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NotesGuard.Guidance;

namespace NotesGuard.Slack.Home;

/// <summary>Gathers App Home's content from the advisor (rulebook) and the practice settings.</summary>
public sealed class AppHomeContentSource(IServiceProvider services, IOptions<PracticeSettings> practice)
{
    public AppHomeContent Get()
    {
        var advisor = services.GetService<IAdvisor>();
        var rulebook = (advisor as Advisor)?.Rulebook;
        var settings = practice.Value;
        return new AppHomeContent(
            advisor?.RulebookVersion ?? "unknown",
            settings.PracticeName,
            rulebook?.HelplineInstruction,
            [.. settings.InsurerHelplines.Select(h => new Helpline(h.Name, h.Phone, h.Hours) { PolicyNumberHint = h.PolicyNumberHint })],
            settings.SupervisorContact,
            rulebook?.Disclaimer);
    }
}
