using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Teams.Cards;
using NotesGuard.Teams.References;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Inbound;

/// <summary>
/// conversationUpdate: when the bot itself is among the members added, welcome once — in a personal chat
/// the engine's welcome and first question, in a group the group welcome card. Members joining a big team
/// get nothing. Teams can announce one install more than once, so the welcome is recorded per conversation.
/// </summary>
internal sealed class ConversationUpdateHandler(
    ITurnHandler engine, IStateStore store, TurnReplies replies, ConversationReferenceStore references)
{
    private const string Channel = "msteams";
    private static readonly TimeSpan WelcomeOncePer = TimeSpan.FromDays(1);

    public async Task<ActivityResponse> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        var botId = activity.Recipient?.Id;
        if (botId is null)
        {
            return ActivityResponse.Ok;
        }

        if (activity.MembersRemoved?.Any(m => m?.Id == botId) == true)
        {
            await references.DeleteAsync(activity.Conversation!.Id!, cancellationToken);
            return ActivityResponse.Ok;
        }

        // A JSON array may hold nulls whatever the schema says (m?.Id).
        if (activity.MembersAdded?.Any(m => m?.Id == botId) != true)
        {
            return ActivityResponse.Ok;
        }

        await references.SaveAsync(activity, cancellationToken);
        // The marker of a personal chat belongs to its person, so "forget me" removes it with the rest.
        var welcomeKey = new StateKey(Channel, TeamsConversation.WithoutThread(activity.Conversation!.Id!), "");
        var owner = TeamsConversation.ScopeOf(activity) == ConversationScope.Personal ? activity.From?.Id ?? "" : "";
        if (await store.TryWriteAsync(RecordKind.WelcomeMarker, welcomeKey, owner, [], expectedETag: null, WelcomeOncePer, cancellationToken) is null)
        {
            return ActivityResponse.Ok;
        }

        if (TeamsConversation.ScopeOf(activity) == ConversationScope.Group || activity.From?.Id is null)
        {
            var welcome = new Activity
            {
                Type = "message",
                Summary = $"{GroupWelcomeCard.Title}: {GroupWelcomeCard.Text}",
                Attachments = [new Attachment { ContentType = AdaptiveElements.ContentType, Content = GroupWelcomeCard.Render() }],
            };
            await replies.PostAsync(activity, welcome, cancellationToken);
            return ActivityResponse.Ok;
        }

        var result = await engine.HandleAsync(TeamsConversation.ToTurn(activity, null, null), cancellationToken);
        await replies.SendAsync(activity, result.Replies, cancellationToken);
        return ActivityResponse.Ok;
    }
}
