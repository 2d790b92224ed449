using NotesGuard.Teams.References;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Inbound;

/// <summary>
/// installationUpdate: keep the conversation reference on install (for proactive posts), drop it on
/// uninstall. The welcome itself comes with the conversationUpdate Teams sends alongside.
/// </summary>
internal sealed class InstallationUpdateHandler(ConversationReferenceStore references)
{
    public async Task<ActivityResponse> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Action is { } action && action.StartsWith("remove", StringComparison.Ordinal))
        {
            await references.DeleteAsync(activity.Conversation!.Id!, cancellationToken);
        }
        else
        {
            await references.SaveAsync(activity, cancellationToken);
        }

        return ActivityResponse.Ok;
    }
}
