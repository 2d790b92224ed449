namespace NotesGuard.Slack.Install;

/// <summary>One workspace's install: its bot token (kept encrypted at rest) and the bot's user id there.</summary>
public sealed record SlackInstallation(string TeamId, string BotToken, string? BotUserId, string? TeamName, DateTimeOffset InstalledAt);
