using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.State;

namespace NotesGuard.Conversations.Practice;

/// <summary>
/// The practice commands in chat, in front of the walkthrough engine: <c>guidance</c> (anyone: the "If you are
/// asked for a client's notes" card); and for the practice's admins <c>post guidance</c> (choose a card, confirm,
/// post to every shared conversation NotesGuard is in), <c>post card: TEXT</c> (a card of their own) and
/// <c>audit</c>. Everything else goes to the engine. Admin rights come only from <see cref="Turn.PrincipalId"/>; a
/// button is never trusted to carry them.
/// </summary>
public sealed class PracticeTurnHandler(
    ITurnHandler engine,
    PracticeAdmins admins,
    PracticeCards cards,
    PracticeBroadcaster broadcaster,
    PracticeChannelDirectory directory,
    AuditTrail audit,
    IStateStore store,
    IOptions<StorageOptions> storage,
    PracticeCaseSharing sharing,
    TimeProvider clock) : ITurnHandler
{
    public const string ButtonPrefix = "practice|";

    public const string AdminInPersonalChat =
        "Please do that in your personal chat with NotesGuard: here everyone in the conversation would see the choices " +
        "and the audit trail. Nothing was posted.";

    public const string NotAnAdmin =
        "Only your practice's NotesGuard admins can post guidance to shared channels or read the audit trail. " +
        "If you would like something posted, ask one of them. You can type \"guidance\" to see the card \"If you are asked for a client's notes\".";

    /// <summary>What an admin types before the text of a card of their own.</summary>
    public const string CustomCardCommand = "post card:";

    private const int AuditLines = 20;

    // A custom card's text is kept nowhere but in its confirmation's button (and, once posted, the posts): a
    // confirmation left unpressed for longer than this is refused, so old text is not posted by a stray click; the
    // built-in cards' confirmations too.
    private static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromMinutes(30);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var command = Recognize(turn);
        if (command is null)
        {
            return sharing.WithShareButton(turn, await engine.HandleAsync(turn, cancellationToken).ConfigureAwait(false));
        }

        if (!string.IsNullOrEmpty(turn.TurnId) &&
            !await store.TryMarkProcessedAsync(turn.ChannelId, turn.ConversationId, turn.TurnId, storage.Value.DuplicateWindow, cancellationToken).ConfigureAwait(false))
        {
            return TurnResult.Duplicate;
        }

        if (command[0] == "guidance")
        {
            return new TurnResult([cards.IfAsked()]);
        }

        // Sharing a case is for every therapist, not only admins; it checks who may share where itself.
        if (command[0] is "share" or "sharepick" or "shareconfirm" or "sharecancel" or "unshare")
        {
            return Private(await sharing.HandleAsync(turn, command, cancellationToken).ConfigureAwait(false));
        }

        if (turn.Scope == ConversationScope.Group && !turn.RepliesCanBePrivate)
        {
            // The cards to choose from, a custom card's draft and the audit trail (other conversations' ids, admins'
            // ids when kept plain) would be shown to everyone here: Teams has no reply for one person's eyes. Asked
            // before whether the sender is an admin, so the answer does not tell the group who is.
            return new TurnResult([new TextReply(AdminInPersonalChat, TextKind.Notice)]);
        }

        if (!admins.IsAdmin(turn))
        {
            return Private(new TextReply(NotAnAdmin, TextKind.Notice));
        }

        return command switch
        {
            ["post"] => Private(await ChooseCardAsync(cancellationToken).ConfigureAwait(false)),
            ["choose", var card] => Private(await ConfirmAsync(card, cancellationToken).ConfigureAwait(false)),
            ["confirm", var card, var nonce, var issued] => Private(await PostCardAsync(turn, card, nonce, issued, cancellationToken).ConfigureAwait(false)),
            ["confirm", _, _] => Private(new TextReply("That confirmation has expired; nothing was posted. Type \"post guidance\" to start again.", TextKind.Notice)),
            ["card", var text] => Private(await ConfirmCustomAsync(text, cancellationToken).ConfigureAwait(false)),
            ["confirmcustom", var nonce, var issued, .. var text] => Private(await PostCustomAsync(turn, nonce, issued, string.Join('|', text), cancellationToken).ConfigureAwait(false)),
            ["cancel"] => Private(new TextReply("Nothing was posted.", TextKind.Notice)),
            ["audit"] => Private(await AuditAsync(cancellationToken).ConfigureAwait(false)),
            _ => Private(new TextReply("That button is no longer valid. Type \"post guidance\" to start again.", TextKind.Notice)),
        };
    }

    /// <summary>The command's parts, or null when the turn is not a practice command.</summary>
    private static string[]? Recognize(Turn turn)
    {
        if (turn.ActionValue is { } value)
        {
            return value.StartsWith(ButtonPrefix, StringComparison.Ordinal) ? value[ButtonPrefix.Length..].Split('|') : null;
        }

        // The card's text is taken as typed (not normalised): only its ends are trimmed.
        var typed = turn.Text?.Trim() ?? "";
        if (typed.StartsWith(CustomCardCommand, StringComparison.OrdinalIgnoreCase))
        {
            return ["card", typed[CustomCardCommand.Length..]];
        }

        return Prompts.ChoiceRecognizer.Normalize(turn.Text) switch
        {
            "guidance" or "show guidance" => ["guidance"],
            "post guidance" or "post" => ["post"],
            "audit" or "audit trail" => ["audit"],
            _ => null,
        };
    }

    private async Task<TextReply> ChooseCardAsync(CancellationToken cancellationToken)
    {
        var installed = await directory.ListAsync(cancellationToken).ConfigureAwait(false);
        if (installed.Count == 0)
        {
            return new TextReply("NotesGuard is not in any shared channel or group chat yet. Add it to one, then try again.", TextKind.Notice);
        }

        List<ReplyButton> buttons = [new(PracticeCards.IfAskedTitle, ButtonPrefix + "choose|" + PracticeCards.IfAskedForNotes, ButtonStyle.Primary)];
        if (cards.CanPostGuidanceUpdated)
        {
            buttons.Add(new("Guidance updated", ButtonPrefix + "choose|" + PracticeCards.GuidanceUpdated));
        }

        buttons.Add(new("Write my own", ButtonPrefix + "choose|" + PracticeCards.Custom));
        buttons.Add(new("Cancel", ButtonPrefix + "cancel"));
        return new TextReply(
            $"Which card should NotesGuard post to the {installed.Count} shared conversation(s) it is in? You will be asked to confirm.",
            TextKind.Notice,
            "Post guidance")
        { Buttons = buttons };
    }

    private async Task<TextReply> ConfirmAsync(string card, CancellationToken cancellationToken)
    {
        if (card == PracticeCards.Custom)
        {
            return new TextReply(
                $"Type your card in one message, starting with \"{CustomCardCommand}\", up to {PracticeCards.MaxCustomTextLength} characters; " +
                $"for example: {CustomCardCommand} Supervision moves to Thursday this week. It is posted exactly as typed (markup, links and " +
                "mentions show as text), and you will be asked to confirm first. NotesGuard keeps the text only in that confirmation.",
                TextKind.Notice,
                "Write my own card")
            { Buttons = [new("Cancel", ButtonPrefix + "cancel")] };
        }

        var (built, problem) = cards.Build(card, null);
        if (built is null)
        {
            return new TextReply(problem ?? "That card cannot be posted from chat.", TextKind.Notice);
        }

        var count = (await directory.ListAsync(cancellationToken).ConfigureAwait(false)).Count;
        var nonce = Guid.NewGuid().ToString("N");
        return new TextReply($"Post \"{built.Title}\" to all {count} shared conversation(s) NotesGuard is in?", TextKind.Notice, "Confirm")
        {
            Buttons =
            [
                new("Post now", $"{ButtonPrefix}confirm|{card}|{nonce}|{Issued()}", ButtonStyle.Primary),
                new("Cancel", ButtonPrefix + "cancel"),
            ],
        };
    }

    /// <summary>The admin's own card, shown back to them, with "Post now" carrying the text: it is stored nowhere.</summary>
    private async Task<TextReply> ConfirmCustomAsync(string text, CancellationToken cancellationToken)
    {
        var (built, problem) = cards.Build(PracticeCards.Custom, text);
        if (built is null)
        {
            return new TextReply($"{problem} Nothing was posted; type \"{CustomCardCommand}\" and your text to try again.", TextKind.Notice);
        }

        var count = (await directory.ListAsync(cancellationToken).ConfigureAwait(false)).Count;
        var issued = Issued();
        return new TextReply($"Post this card to all {count} shared conversation(s) NotesGuard is in?\n\n{built.Title}\n{built.Text}", TextKind.Notice, "Confirm")
        {
            Buttons =
            [
                new("Post now", $"{ButtonPrefix}confirmcustom|{Guid.NewGuid():N}|{issued}|{built.Text}", ButtonStyle.Primary),
                new("Cancel", ButtonPrefix + "cancel"),
            ],
        };
    }

    private Task<TextReply> PostCustomAsync(Turn turn, string nonce, string issued, string text, CancellationToken cancellationToken)
    {
        if (!Live(issued))
        {
            return Task.FromResult(new TextReply($"That confirmation has expired; nothing was posted. Type \"{CustomCardCommand}\" and your text again.", TextKind.Notice));
        }

        return PostAsync(turn, PracticeCards.Custom, nonce, text, cancellationToken);
    }

    private Task<TextReply> PostCardAsync(Turn turn, string card, string nonce, string issued, CancellationToken cancellationToken)
    {
        // A "Post now" left in the chat history must not post again once its receipt is forgotten (30 days), to
        // whatever the list then holds.
        if (!Live(issued))
        {
            return Task.FromResult(new TextReply("That confirmation has expired; nothing was posted. Type \"post guidance\" to start again.", TextKind.Notice));
        }

        return PostAsync(turn, card, nonce, null, cancellationToken);
    }

    private string Issued() => clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A confirmation issued within its lifetime, and not in the future (beyond five minutes of clock skew between
    /// instances): only admins get this far, so this stops stray presses of old buttons, not forgeries.
    /// </summary>
    private bool Live(string issued)
    {
        if (!long.TryParse(issued, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age <= ConfirmationLifetime && age >= -TimeSpan.FromMinutes(5);
    }

    private async Task<TextReply> PostAsync(Turn turn, string card, string nonce, string? customText, CancellationToken cancellationToken)
    {
        // The nonce came with the confirmation, so pressing "Post now" twice (or a redelivered click) posts once.
        var request = new BroadcastRequest(card, customText, null, "chat-" + nonce);
        var result = await broadcaster.BroadcastAsync(request, admins.AuditName(turn.PrincipalId!), turn.ChannelId, cancellationToken).ConfigureAwait(false);
        if (result.Outcome is not { } outcome)
        {
            return new TextReply(result.Problem ?? "Nothing was posted.", TextKind.Notice);
        }

        var text = new StringBuilder(outcome.Replayed ? "This was already posted; nothing was posted again. " : "");
        text.Append($"Posted to {outcome.Results.Count(r => r.Posted)} of {outcome.Results.Count} shared conversation(s).");
        foreach (var failed in outcome.Results.Where(r => !r.Posted))
        {
            text.Append($"\nNot posted to {failed.Target}: {failed.Error}");
        }

        return new TextReply(text.ToString(), TextKind.Notice, "Guidance posted");
    }

    private async Task<TextReply> AuditAsync(CancellationToken cancellationToken)
    {
        var entries = await audit.ListAsync(30, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return new TextReply("No practice broadcasts in the last 30 days.", TextKind.Help, "Audit trail");
        }

        var lines = entries.Take(AuditLines).Select(AuditTrail.Describe);
        var more = entries.Count > AuditLines ? $"\n… and {entries.Count - AuditLines} more (notesguard audit lists them all)." : "";
        return new TextReply(string.Join("\n", lines) + more, TextKind.Help, "Audit trail, last 30 days");
    }

    private static TurnResult Private(TextReply reply) => new([reply with { OnlyForUser = true }]);
}
