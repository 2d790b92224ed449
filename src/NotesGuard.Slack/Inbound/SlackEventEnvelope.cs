namespace NotesGuard.Slack.Inbound;

/// <summary>The Events API body: url_verification or event_callback (other types are acknowledged and ignored).</summary>
internal sealed record SlackEventEnvelope(
    string? Type,
    string? Challenge,
    string? EventId,
    string? TeamId,
    SlackEvent? Event,
    IReadOnlyList<SlackAuthorization>? Authorizations);

/// <summary>The inner event; only the fields NotesGuard uses.</summary>
internal sealed record SlackEvent(
    string? Type,
    string? User,
    string? Text,
    string? Channel,
    string? ChannelType,
    string? Ts,
    string? ThreadTs,
    string? BotId,
    string? Subtype,
    string? Tab,
    SlackUserProfile? UserProfile = null);

/// <summary>The sender's names, which Slack includes on most user messages; used to say whose case it is in a thread.</summary>
internal sealed record SlackUserProfile(string? DisplayName, string? RealName, string? Name)
{
    public string? BestName => !string.IsNullOrWhiteSpace(DisplayName) ? DisplayName : !string.IsNullOrWhiteSpace(RealName) ? RealName : Name;
}

/// <summary>Who the event was delivered for; for a bot install, the bot's own user id (to strip its mention).</summary>
internal sealed record SlackAuthorization(string? UserId, bool IsBot);
