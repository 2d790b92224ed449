using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NotesGuard.Slack.Install;

/// <summary>The bot token for a team: its OAuth install when there is one, else the configured single-workspace token.</summary>
public sealed class SlackTokenSource(IServiceProvider services, IOptions<SlackOptions> options, ILogger<SlackTokenSource> logger)
{
    public async Task<string?> GetBotTokenAsync(string teamId, CancellationToken cancellationToken = default)
    {
        if (options.Value.OAuthEnabled && !string.IsNullOrEmpty(teamId))
        {
            var install = await services.GetRequiredService<SlackInstallStore>().FindAsync(teamId, cancellationToken);
            if (install is not null)
            {
                return install.BotToken;
            }
        }

        if (!string.IsNullOrWhiteSpace(options.Value.BotToken))
        {
            return options.Value.BotToken;
        }

        logger.LogWarning("No Slack bot token for team {TeamId}: install NotesGuard there through /slack/install", teamId);
        return null;
    }
}
