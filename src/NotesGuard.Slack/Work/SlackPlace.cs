using NotesGuard.Conversations.Engine;

namespace NotesGuard.Slack.Work;

/// <summary>
/// Where a walkthrough runs in Slack: a direct message with the bot, or one thread of a channel, so a
/// supervision channel keeps one case per thread. Ids carry the team so installs in several workspaces never mix.
/// </summary>
public sealed record SlackPlace(string TeamId, string ChannelId, string? ThreadTs)
{
    /// <summary>Direct-message channel ids start with D; everything else (C, G) is shared with others.</summary>
    public bool IsDirectMessage => ChannelId.StartsWith('D');

    public ConversationScope Scope => IsDirectMessage ? ConversationScope.Personal : ConversationScope.Group;

    public string ConversationId => ThreadTs is null ? $"{TeamId}:{ChannelId}" : $"{TeamId}:{ChannelId}:{ThreadTs}";

    /// <summary>The place of a message: its thread in a channel (a top-level message starts one), or the DM itself.</summary>
    public static SlackPlace OfMessage(string teamId, string channelId, string messageTs, string? threadTs) =>
        channelId.StartsWith('D') ? new SlackPlace(teamId, channelId, null) : new SlackPlace(teamId, channelId, threadTs ?? messageTs);

    /// <summary>A user id that cannot collide across workspaces.</summary>
    public static string UserKey(string teamId, string userId) => $"{teamId}:{userId}";

    /// <summary>The person as Practice:Admins names them; the team and user come from a verified request.</summary>
    public static string PrincipalOf(string teamId, string userId) => $"slack:{teamId}:{userId}";
}
