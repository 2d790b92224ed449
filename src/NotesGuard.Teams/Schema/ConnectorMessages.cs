namespace NotesGuard.Teams.Schema;

/// <summary>The connector's answer to a send or reply: the new activity's id.</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }
}

/// <summary>POST v3/conversations: start a conversation (a proactive 1:1 chat or a new channel thread).</summary>
public sealed class ConversationParameters
{
    public bool IsGroup { get; set; }

    public ChannelAccount? Bot { get; set; }

    public List<ChannelAccount>? Members { get; set; }

    public string? TenantId { get; set; }

    public Activity? Activity { get; set; }

    public TeamsChannelData? ChannelData { get; set; }
}

public sealed class ConversationResourceResponse
{
    public string? Id { get; set; }

    public string? ActivityId { get; set; }

    public string? ServiceUrl { get; set; }
}

/// <summary>
/// The HTTP body answering an adaptiveCard/action invoke: a card that replaces the clicked one, or a message.
/// </summary>
public sealed class AdaptiveCardInvokeResponse
{
    public int StatusCode { get; set; } = 200;

    public string Type { get; set; } = "";

    /// <summary>The card, a message string or an error object, as JSON.</summary>
    public RawJson? Value { get; set; }
}
