using System.Text.Json;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Engine;
using NotesGuard.Teams.Cards;
using NotesGuard.Teams.References;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Inbound;

/// <summary>
/// A message: typed text (the bot's @mention removed) or an Action.Submit click (its data in
/// <c>value</c>, the card's id in <c>replyToId</c>). The engine answers; a typing indicator goes out only if that
/// takes longer than Teams:TypingDelay.
/// </summary>
internal sealed class MessageActivityHandler(
    ITurnHandler engine, TurnReplies replies, ConversationReferenceStore references, IOptions<TeamsOptions> options, TimeProvider clock)
{
    /// <summary>Card data that stands for typed text (the group welcome's buttons: "new case", "help").</summary>
    public const string TypedTextField = "notesguardText";

    public async Task<ActivityResponse> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        using var typing = TypingWhenSlow.Start(() => replies.SendTypingAsync(activity, cancellationToken), clock, options.Value.TypingDelay);
        var (text, actionValue) = Read(activity);
        var result = await engine.HandleAsync(TeamsConversation.ToTurn(activity, text, actionValue), cancellationToken);
        if (result.ForgotPerson)
        {
            // The engine deleted this person's records of every kind, their personal chat's reference included;
            // forget what this instance remembers saving, so their next message saves a reference afresh. A group's
            // reference holds no person's id and stays, so practice posts still reach the group.
            references.ForgetSaved(activity.From?.Id);
        }
        else
        {
            // Saved after the turn, so a "forget me" never writes the reference it is about to delete.
            await references.SaveAsync(activity, cancellationToken);
        }

        await typing.StopAsync();
        await replies.SendAsync(activity, result.Replies, cancellationToken);
        return ActivityResponse.Ok;
    }

    private static (string? Text, string? ActionValue) Read(Activity activity)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return (BotMention.Strip(activity), null);
        }

        if (CardButtons.FromSubmitData(value) is { } clicked)
        {
            return (null, clicked);
        }

        if (value.TryGetProperty(TypedTextField, out var typed) && typed.ValueKind == JsonValueKind.String)
        {
            return (typed.GetString(), null);
        }

        // Data from a card NotesGuard did not make (or an old format): the engine answers "no longer valid".
        return (null, "unrecognised");
    }
}
