using NotesGuard.Conversations.Replies;
using NotesGuard.Teams.Cards;
using NotesGuard.Teams.Connector;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.References;

/// <summary>
/// Posts to a Teams conversation the bot was installed in or spoken to before (a practice broadcast, a
/// reminder), using the stored conversation reference. In a channel it starts a new thread.
/// </summary>
public sealed class TeamsProactiveMessenger
{
    private readonly ConversationReferenceStore _references;
    private readonly BotConnectorClient _connector;
    private readonly ReplyRenderer _renderer;

    internal TeamsProactiveMessenger(ConversationReferenceStore references, BotConnectorClient connector, ReplyRenderer renderer)
    {
        _references = references;
        _connector = connector;
        _renderer = renderer;
    }

    /// <summary>The new activity's id, or null when no reference is stored for the conversation.</summary>
    public async Task<string?> SendAsync(string conversationId, Reply reply, CancellationToken cancellationToken)
    {
        var reference = await _references.FindAsync(conversationId, cancellationToken);
        if (reference is null)
        {
            return null;
        }

        var activity = _renderer.Render(reply);
        activity.ChannelId = reference.ChannelId;
        activity.From = new ChannelAccount { Id = reference.BotId };
        if (reference.ConversationType == "channel")
        {
            // A new top-level post in the channel, rather than a reply buried in an old thread.
            var created = await _connector.CreateConversationAsync(
                reference.ServiceUrl,
                new ConversationParameters
                {
                    IsGroup = true,
                    Bot = activity.From,
                    TenantId = reference.TenantId,
                    Activity = activity,
                    ChannelData = new TeamsChannelData
                    {
                        Channel = new TeamInfo { Id = Inbound.TeamsConversation.WithoutThread(reference.ConversationId) },
                        Tenant = reference.TenantId is null ? null : new TenantInfo { Id = reference.TenantId },
                    },
                },
                cancellationToken);
            return created.ActivityId;
        }

        activity.Conversation = new ConversationAccount { Id = reference.ConversationId, TenantId = reference.TenantId };
        return await _connector.SendAsync(reference.ServiceUrl, reference.ConversationId, activity, cancellationToken);
    }
}
