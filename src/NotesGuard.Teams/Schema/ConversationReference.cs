namespace NotesGuard.Teams.Schema;

/// <summary>
/// What a proactive message needs to reach a conversation later: ids and the service URL, never names or text.
/// </summary>
public sealed class ConversationReference
{
    public string ServiceUrl { get; set; } = "";

    public string ChannelId { get; set; } = "";

    public string ConversationId { get; set; } = "";

    public string? ConversationType { get; set; }

    public string? TenantId { get; set; }

    public string BotId { get; set; } = "";

    /// <summary>The person of a personal chat (whom a proactive message reaches); null in groups and channels.</summary>
    public string? UserId { get; set; }

    public string? TeamId { get; set; }

    public string? ChannelThreadRootId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
