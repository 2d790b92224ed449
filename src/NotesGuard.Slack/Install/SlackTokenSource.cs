using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Slack.WebApi;

namespace NotesGuard.Slack.Install;

/// <summary>
/// The bot token for a team: its OAuth install when there is one; else the configured single-workspace token, but
/// only for that token's own workspace (Slack:TeamId, or what auth.test says once). A workspace with no install of
/// its own gets no token: its work is dropped, never answered as another workspace's bot. (Workspaces off
/// Slack:AllowedTeamIds never get this far: SlackAdmission refuses their requests.)
/// </summary>
public sealed class SlackTokenSource(IServiceProvider services, IOptions<SlackOptions> options, ILogger<SlackTokenSource> logger) : IDisposable
{
    private readonly SemaphoreSlim _learning = new(1, 1);
    private string? _singleWorkspaceTeam;

    public async Task<string?> GetBotTokenAsync(string teamId, CancellationToken cancellationToken = default)
    {
        if (options.Value.OAuthEnabled)
        {
            var install = await services.GetRequiredService<SlackInstallStore>().FindAsync(teamId, cancellationToken);
            if (install is not null)
            {
                return install.BotToken;
            }
        }

        if (!string.IsNullOrWhiteSpace(options.Value.BotToken)
            && string.Equals(await SingleWorkspaceTeamAsync(cancellationToken), teamId, StringComparison.Ordinal))
        {
            return options.Value.BotToken;
        }

        logger.LogWarning("No Slack bot token for team {TeamId}: install NotesGuard there through /slack/install", teamId);
        return null;
    }

    /// <summary>The workspace Slack:BotToken belongs to: configured, or asked of Slack once and remembered.</summary>
    private async Task<string?> SingleWorkspaceTeamAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.TeamId))
        {
            return options.Value.TeamId;
        }

        if (Volatile.Read(ref _singleWorkspaceTeam) is { } known)
        {
            return known;
        }

        await _learning.WaitAsync(cancellationToken);
        try
        {
            if (_singleWorkspaceTeam is null)
            {
                var result = await services.GetRequiredService<SlackWebApiClient>().AuthTestAsync(options.Value.BotToken!, cancellationToken);
                var team = result.StringProperty("team_id");
                if (result.Ok && SlackOptionsValidator.IsTeamId(team))
                {
                    Volatile.Write(ref _singleWorkspaceTeam, team);
                }
                else
                {
                    // Not remembered: the next piece of work asks again once Slack answers.
                    logger.LogWarning("Could not learn the workspace of Slack:BotToken from auth.test ({Error}); set Slack:TeamId", result.Error ?? "no team_id");
                }
            }

            return _singleWorkspaceTeam;
        }
        finally
        {
            _learning.Release();
        }
    }

    public void Dispose() => _learning.Dispose();
}
