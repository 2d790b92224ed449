using Microsoft.Extensions.Logging;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Teams.Cards;
using NotesGuard.Teams.Connector;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Inbound;

/// <summary>
/// Sends a turn's replies back through the connector: each as a reply to the incoming activity (so in a
/// channel it lands in the thread), except an answered question, which updates the card it answers in
/// place with PUT — the card that was clicked, or for a typed answer the question card last shown to that
/// person. One failed call is logged and the rest still go out.
/// </summary>
internal sealed class TurnReplies(
    BotConnectorClient connector, ReplyRenderer renderer, OpenQuestionCards openCards, ILogger<TurnReplies> logger)
{
    public async Task SendAsync(Activity incoming, IEnumerable<Reply> replies, CancellationToken cancellationToken)
    {
        var conversationId = incoming.Conversation!.Id!;
        var userId = incoming.From!.Id!;
        foreach (var reply in replies)
        {
            var outgoing = Address(renderer.Render(reply), incoming);
            try
            {
                var cardToReplace = reply switch
                {
                    AnsweredQuestionReply { ReplacesClickedMessage: true } when incoming.ReplyToId is { Length: > 0 } clicked => clicked,
                    AnsweredQuestionReply typed => openCards.Take(conversationId, userId, typed.QuestionId),
                    _ => null,
                };
                if (cardToReplace is not null)
                {
                    await connector.UpdateAsync(incoming.ServiceUrl!, conversationId, cardToReplace, outgoing, cancellationToken);
                    continue;
                }

                var id = await PostAsync(incoming, outgoing, cancellationToken);
                if (reply is QuestionReply question && id is not null)
                {
                    openCards.Remember(conversationId, userId, question.QuestionId, id);
                }
            }
            catch (ConnectorException ex)
            {
                logger.LogError("Could not deliver a {Reply} ({Status}): {Error}", reply.GetType().Name, (int?)ex.StatusCode, ex.Message);
            }
        }
    }

    /// <summary>Posts one activity as a reply to <paramref name="incoming"/> (or to its conversation when it has no id).</summary>
    public async Task<string?> PostAsync(Activity incoming, Activity outgoing, CancellationToken cancellationToken)
    {
        Address(outgoing, incoming);
        return incoming.Id is { Length: > 0 } replyTo && incoming.Type == "message"
            ? await connector.ReplyAsync(incoming.ServiceUrl!, incoming.Conversation!.Id!, replyTo, outgoing, cancellationToken)
            : await connector.SendAsync(incoming.ServiceUrl!, incoming.Conversation!.Id!, outgoing, cancellationToken);
    }

    /// <summary>"NotesGuard is typing…" while the turn is worked on. Best effort: failure only costs the dots.</summary>
    public async Task SendTypingAsync(Activity incoming, CancellationToken cancellationToken)
    {
        try
        {
            await connector.SendBestEffortAsync(
                incoming.ServiceUrl!, incoming.Conversation!.Id!, Address(new Activity { Type = "typing" }, incoming), cancellationToken);
        }
        catch (ConnectorException ex)
        {
            logger.LogDebug("Typing indicator not delivered ({Status})", (int?)ex.StatusCode);
        }
    }

    public Activity Render(Reply reply, Activity incoming) => Address(renderer.Render(reply), incoming);

    private static Activity Address(Activity outgoing, Activity incoming)
    {
        outgoing.ChannelId = TeamsConversation.ChannelId;
        outgoing.From = incoming.Recipient;
        outgoing.Recipient = incoming.From is null ? null : new ChannelAccount { Id = incoming.From.Id, Name = incoming.From.Name };
        outgoing.Conversation = incoming.Conversation;
        outgoing.ReplyToId = incoming.Type == "message" ? incoming.Id : incoming.ReplyToId;
        return outgoing;
    }
}
