using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Inbound;

/// <summary>The routing table: one handler per kind of activity. Anything else is acknowledged and ignored.</summary>
internal sealed class ActivityRouter(
    MessageActivityHandler messages,
    ConversationUpdateHandler conversationUpdates,
    CardActionInvokeHandler cardActions,
    InstallationUpdateHandler installations)
{
    public Task<ActivityResponse> RouteAsync(Activity activity, CancellationToken cancellationToken) => activity.Type switch
    {
        "message" => messages.HandleAsync(activity, cancellationToken),
        "conversationUpdate" => conversationUpdates.HandleAsync(activity, cancellationToken),
        "invoke" when activity.Name == CardActionInvokeHandler.InvokeName => cardActions.HandleAsync(activity, cancellationToken),
        "installationUpdate" => installations.HandleAsync(activity, cancellationToken),
        _ => Task.FromResult(ActivityResponse.Ok),
    };

    /// <summary>
    /// Far above any id Teams sends (channel thread ids run to a couple of hundred characters), and low enough that
    /// an id always fits in a connector URL and a store key.
    /// </summary>
    internal const int MaxIdLength = 1024;

    /// <summary>The fields every routed activity needs; null when present, else what is missing.</summary>
    public static string? MissingField(Activity activity)
    {
        if (string.IsNullOrEmpty(activity.Type))
        {
            return "type";
        }

        if (activity.Type is not ("message" or "conversationUpdate" or "invoke" or "installationUpdate"))
        {
            return null;
        }

        if (string.IsNullOrEmpty(activity.ServiceUrl))
        {
            return "serviceUrl";
        }

        if (!IsId(activity.Conversation?.Id))
        {
            return $"conversation.id (1-{MaxIdLength} characters)";
        }

        if (!IsId(activity.From?.Id))
        {
            return $"from.id (1-{MaxIdLength} characters)";
        }

        return IsId(activity.Recipient?.Id) ? null : $"recipient.id (1-{MaxIdLength} characters)";
    }

    private static bool IsId(string? id) => id is { Length: > 0 and <= MaxIdLength };
}
