using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotesGuard.Teams.Schema;

/// <summary>
/// A Bot Framework activity as it travels on the wire (only the fields NotesGuard reads or writes).
/// Plain data: behaviour lives in the inbound router and the renderer.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public string? Timestamp { get; set; }

    public string? ServiceUrl { get; set; }

    public string? ChannelId { get; set; }

    public ChannelAccount? From { get; set; }

    public ConversationAccount? Conversation { get; set; }

    public ChannelAccount? Recipient { get; set; }

    public string? Text { get; set; }

    public string? TextFormat { get; set; }

    /// <summary>Notification and screen-reader summary shown where the card cannot be.</summary>
    public string? Summary { get; set; }

    public string? Locale { get; set; }

    public string? ReplyToId { get; set; }

    /// <summary>invoke: the invoke name (adaptiveCard/action).</summary>
    public string? Name { get; set; }

    /// <summary>installationUpdate: add, remove, add-upgrade, remove-upgrade.</summary>
    public string? Action { get; set; }

    /// <summary>Action.Submit data (message) or the invoke payload.</summary>
    public JsonElement? Value { get; set; }

    public List<Entity>? Entities { get; set; }

    public List<Attachment>? Attachments { get; set; }

    public List<ChannelAccount>? MembersAdded { get; set; }

    public List<ChannelAccount>? MembersRemoved { get; set; }

    public TeamsChannelData? ChannelData { get; set; }

    public string? InputHint { get; set; }
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadObjectId { get; set; }

    public string? Role { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>personal, groupChat or channel.</summary>
    public string? ConversationType { get; set; }

    public bool? IsGroup { get; set; }

    public string? TenantId { get; set; }
}

/// <summary>An entity attached to an activity; NotesGuard reads mentions only.</summary>
public sealed class Entity
{
    public string? Type { get; set; }

    public ChannelAccount? Mentioned { get; set; }

    public string? Text { get; set; }
}

public sealed class Attachment
{
    public string? ContentType { get; set; }

    /// <summary>The card, written once as JSON (see <see cref="RawJson"/>).</summary>
    public RawJson? Content { get; set; }
}

/// <summary>Teams' channelData: the tenant, and for channels the team and channel.</summary>
public sealed class TeamsChannelData
{
    public TenantInfo? Tenant { get; set; }

    public TeamInfo? Team { get; set; }

    public TeamInfo? Channel { get; set; }

    [JsonPropertyName("eventType")]
    public string? EventType { get; set; }
}

public sealed class TenantInfo
{
    public string? Id { get; set; }
}

public sealed class TeamInfo
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}
