namespace NotesGuard.Slack.Install;

/// <summary>One workspace's install: its bot token (kept encrypted at rest) and the bot's user id there.</summary>
public sealed record SlackInstallation(string TeamId, string BotToken, string? BotUserId, string? TeamName, DateTimeOffset InstalledAt)
{
    // A record prints every property; the token is a credential, so a log line or a debugger never shows it.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("TeamId = ").Append(TeamId).Append(", BotToken = (hidden), InstalledAt = ").Append(InstalledAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }
}
