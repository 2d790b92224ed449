using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Teams.Cards;
using NotesGuard.Teams.References;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Inbound;

/// <summary>
/// Action.Execute (invoke <c>adaptiveCard/action</c>): the answer goes back in the HTTP response — the card
/// that replaces the clicked one (the answered question, read-only) — and the replies after it (the next
/// question) are posted to the conversation.
/// </summary>
internal sealed class CardActionInvokeHandler(ITurnHandler engine, TurnReplies replies, ConversationReferenceStore references)
{
    public const string InvokeName = "adaptiveCard/action";
    private const string CardType = "application/vnd.microsoft.card.adaptive";
    private const string MessageType = "application/vnd.microsoft.activity.message";

    private static readonly RawJson UnknownAction = new("""{"code":"BadRequest","message":"This card action is not one NotesGuard knows."}"""u8.ToArray());

    public async Task<ActivityResponse> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (CardButtons.FromInvokeValue(activity.Value) is not { } actionValue)
        {
            return new ActivityResponse(200, new AdaptiveCardInvokeResponse
            {
                StatusCode = 400,
                Type = "application/vnd.microsoft.error",
                Value = UnknownAction,
            });
        }

        await references.SaveAsync(activity, cancellationToken);
        var result = await engine.HandleAsync(TeamsConversation.ToTurn(activity, null, actionValue), cancellationToken);
        if (result.ForgotPerson)
        {
            // "Forget me" pressed as an Execute button: the engine deleted the reference saved just above, so this
            // instance must not go on believing it is saved (the next turn would skip writing it).
            references.ForgetSaved(activity.From?.Id);
        }

        if (result.WasDuplicate)
        {
            return Message("Already done.");
        }

        var all = result.Replies.ToList();
        // Only the clicker's own answered question replaces the card: a click on someone else's card, or a
        // navigation button, leaves the clicked card alone and everything is posted.
        var replacement = all.FirstOrDefault(r => r is AnsweredQuestionReply { ReplacesClickedMessage: true });
        if (replacement is not null)
        {
            all.Remove(replacement);
        }

        await replies.SendAsync(activity, all, cancellationToken);
        if (replacement is null)
        {
            return Message("OK");
        }

        var rendered = replies.Render(replacement, activity);
        return rendered.Attachments is [{ Content: { } card }]
            ? new ActivityResponse(200, new AdaptiveCardInvokeResponse { StatusCode = 200, Type = CardType, Value = card })
            : Message(rendered.Text ?? "OK");
    }

    private static ActivityResponse Message(string text) =>
        new(200, new AdaptiveCardInvokeResponse { StatusCode = 200, Type = MessageType, Value = RawJson.String(text) });
}
