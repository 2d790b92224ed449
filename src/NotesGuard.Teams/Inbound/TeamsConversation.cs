using NotesGuard.Conversations.Engine;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Inbound;

/// <summary>What NotesGuard needs to know about where an activity happened.</summary>
internal static class TeamsConversation
{
    /// <summary>
    /// The channel every /api/messages turn runs under. Fixed by the endpoint, never read from the body: a body
    /// naming another channel ("slack") must not reach that channel's state or delivery ids.
    /// </summary>
    public const string ChannelId = "msteams";

    private const string ThreadMarker = ";messageid=";

    public static ConversationScope ScopeOf(Activity activity) => activity.Conversation?.ConversationType switch
    {
        "personal" => ConversationScope.Personal,
        "groupChat" or "channel" => ConversationScope.Group,
        _ => activity.Conversation?.IsGroup == true ? ConversationScope.Group : ConversationScope.Personal,
    };

    /// <summary>
    /// A channel conversation without its thread part: "19:abc@thread.tacv2;messageid=123" → "19:abc@thread.tacv2".
    /// </summary>
    public static string WithoutThread(string conversationId)
    {
        var at = conversationId.IndexOf(ThreadMarker, StringComparison.Ordinal);
        return at < 0 ? conversationId : conversationId[..at];
    }

    /// <summary>The root message of a channel thread, or null.</summary>
    public static string? ThreadRoot(string conversationId)
    {
        var at = conversationId.IndexOf(ThreadMarker, StringComparison.Ordinal);
        return at < 0 ? null : conversationId[(at + ThreadMarker.Length)..];
    }

    /// <summary>The conversation id a reply in the thread of <paramref name="rootActivityId"/> goes to.</summary>
    public static string Thread(string channelConversationId, string rootActivityId) =>
        $"{WithoutThread(channelConversationId)}{ThreadMarker}{rootActivityId}";

    public static Turn ToTurn(Activity activity, string? text, string? actionValue) => new(
        ChannelId,
        activity.Conversation!.Id!,
        activity.From!.Id!,
        activity.Id ?? "",
        ScopeOf(activity),
        text,
        actionValue,
        activity.From.Name)
    {
        // The activity is bound to a validated Bot Framework token, so its aadObjectId is the one Teams sent (the
        // endpoint drops it from activities an Entra-token caller wrote itself).
        PrincipalId = activity.From.AadObjectId is { Length: > 0 } aad ? $"msteams:{aad}" : null,
    };
}
