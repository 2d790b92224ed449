using Microsoft.Extensions.Logging;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Teams.Cards;
using NotesGuard.Teams.Connector;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Inbound;

/// <summary>
/// Sends a turn's replies back through the connector: each as a reply to the incoming activity (so in a
/// channel it lands in the thread), except an answered question that replaces the card the user clicked,
/// which updates that card in place with PUT. One failed call is logged and the rest still go out.
/// </summary>
internal sealed class TurnReplies(BotConnectorClient connector, ReplyRenderer renderer, ILogger<TurnReplies> logger)
{
    public async Task SendAsync(Activity incoming, IEnumerable<Reply> replies, CancellationToken cancellationToken)
    {
        var owner = GroupOwner(incoming);
        foreach (var reply in replies)
        {
            var outgoing = Address(renderer.Render(reply, owner), incoming);
            try
            {
                if (reply is AnsweredQuestionReply { ReplacesClickedMessage: true } && incoming.ReplyToId is { Length: > 0 } clickedCard)
                {
                    await connector.UpdateAsync(incoming.ServiceUrl!, incoming.Conversation!.Id!, clickedCard, outgoing, cancellationToken);
                }
                else
                {
                    await PostAsync(incoming, outgoing, cancellationToken);
                }
            }
            catch (ConnectorException ex)
            {
                logger.LogError("Could not deliver a {Reply} ({Status}): {Error}", reply.GetType().Name, (int?)ex.StatusCode, ex.Message);
            }
        }
    }

    /// <summary>Posts one activity as a reply to <paramref name="incoming"/> (or to its conversation when it has no id).</summary>
    public async Task PostAsync(Activity incoming, Activity outgoing, CancellationToken cancellationToken)
    {
        Address(outgoing, incoming);
        if (incoming.Id is { Length: > 0 } replyTo && incoming.Type == "message")
        {
            await connector.ReplyAsync(incoming.ServiceUrl!, incoming.Conversation!.Id!, replyTo, outgoing, cancellationToken);
        }
        else
        {
            await connector.SendAsync(incoming.ServiceUrl!, incoming.Conversation!.Id!, outgoing, cancellationToken);
        }
    }

    /// <summary>"NotesGuard is typing…" while the turn is worked on. Best effort: failure only costs the dots.</summary>
    public async Task SendTypingAsync(Activity incoming, CancellationToken cancellationToken)
    {
        try
        {
            await connector.SendAsync(
                incoming.ServiceUrl!, incoming.Conversation!.Id!, Address(new Activity { Type = "typing" }, incoming), cancellationToken);
        }
        catch (ConnectorException ex)
        {
            logger.LogDebug("Typing indicator not delivered ({Status})", (int?)ex.StatusCode);
        }
    }

    public Activity Render(Reply reply, Activity incoming) => Address(renderer.Render(reply, GroupOwner(incoming)), incoming);

    private static string? GroupOwner(Activity incoming) =>
        TeamsConversation.ScopeOf(incoming) == ConversationScope.Group ? incoming.From?.Name : null;

    private static Activity Address(Activity outgoing, Activity incoming)
    {
        outgoing.ChannelId = incoming.ChannelId;
        outgoing.From = incoming.Recipient;
        outgoing.Recipient = incoming.From is null ? null : new ChannelAccount { Id = incoming.From.Id, Name = incoming.From.Name };
        outgoing.Conversation = incoming.Conversation;
        outgoing.ReplyToId = incoming.Type == "message" ? incoming.Id : incoming.ReplyToId;
        return outgoing;
    }
}
