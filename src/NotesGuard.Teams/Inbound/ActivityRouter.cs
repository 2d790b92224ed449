using Microsoft.Extensions.Logging;
using NotesGuard.Conversations.Limits;
using NotesGuard.Teams.Connector;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Inbound;

/// <summary>
/// The routing table: one handler per kind of activity. Anything else is acknowledged and ignored. Before any
/// handler runs, the sender must be within the per-person rate limit; the router runs only after the token has been
/// validated and tied to the activity, so from.id is the one the Bot Framework vouched for.
/// </summary>
internal sealed class ActivityRouter(
    MessageActivityHandler messages,
    ConversationUpdateHandler conversationUpdates,
    CardActionInvokeHandler cardActions,
    InstallationUpdateHandler installations,
    IPersonRateLimiter limiter,
    TurnReplies replies,
    ILogger<ActivityRouter> logger)
{
    public const string ChannelId = "msteams";

    public async Task<ActivityResponse> RouteAsync(Activity activity, CancellationToken cancellationToken)
    {
        var verdict = limiter.Check(ChannelId, activity.From?.AadObjectId ?? activity.From?.Id ?? "");
        if (!verdict.Allowed)
        {
            return await TooFastAsync(activity, verdict, cancellationToken);
        }

        return await (activity.Type switch
        {
            "message" => messages.HandleAsync(activity, cancellationToken),
            "conversationUpdate" => conversationUpdates.HandleAsync(activity, cancellationToken),
            "invoke" when activity.Name == CardActionInvokeHandler.InvokeName => cardActions.HandleAsync(activity, cancellationToken),
            "installationUpdate" => installations.HandleAsync(activity, cancellationToken),
            _ => Task.FromResult(ActivityResponse.Ok),
        });
    }

    /// <summary>
    /// Over the limit the activity is still answered 200: Teams shows a failed delivery for anything else and the
    /// person would not know why. Instead they are told once per window, in the conversation (or, for a card click,
    /// in the invoke response that Teams shows on the card); further activities in the window are dropped.
    /// </summary>
    private async Task<ActivityResponse> TooFastAsync(Activity activity, PersonRateVerdict verdict, CancellationToken cancellationToken)
    {
        var text = $"You are going faster than NotesGuard can follow. Please wait {verdict.RetryAfterSeconds} seconds, then try again.";
        if (activity.Type == "invoke" && activity.Name == CardActionInvokeHandler.InvokeName)
        {
            return new ActivityResponse(200, new AdaptiveCardInvokeResponse
            {
                StatusCode = 200,
                Type = "application/vnd.microsoft.activity.message",
                Value = RawJson.String(text),
            });
        }

        if (verdict.TellThePerson && activity.Type == "message")
        {
            logger.LogInformation("A Teams user is over the per-person rate limit for {Seconds} s", verdict.RetryAfterSeconds);
            try
            {
                await replies.PostAsync(activity, new Activity { Type = "message", Text = text }, cancellationToken);
            }
            catch (ConnectorException ex)
            {
                logger.LogWarning("Could not tell a Teams user to slow down ({Status})", (int?)ex.StatusCode);
            }
        }

        return ActivityResponse.Ok;
    }

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
