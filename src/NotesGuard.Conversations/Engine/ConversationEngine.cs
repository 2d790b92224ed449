using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Dialogs;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.State;

namespace NotesGuard.Conversations.Engine;

/// <summary>
/// Runs one turn: read state → apply the turn → write with the ETag read, the delivery id (same channel,
/// conversation and id) recorded with the write so a duplicate delivery is answered once; when another turn of the
/// same walkthrough wrote first, reload and apply again, so no answer is lost.
/// </summary>
public sealed partial class ConversationEngine(
    IStateStore store,
    AdviceDialog dialog,
    IOptions<StorageOptions> storage,
    ILogger<ConversationEngine> logger) : ITurnHandler
{
    private const int MaxAttempts = 10;

    private readonly TurnRouter _router = new(dialog);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var options = storage.Value;
        var input = TurnInput.From(turn);
        var once = !string.IsNullOrEmpty(turn.TurnId);
        if (input.Command == WalkthroughCommand.ForgetMe && TurnRouter.IsOwnButton(input, turn))
        {
            // The deletes first, the delivery id after (as a cancel does): a delete that fails part way leaves no
            // mark, so the channel's retry deletes the rest rather than being taken for a duplicate. A duplicate's
            // deletes repeat its twin's and it sends nothing; one the channel delivers after the person has started
            // again (it redelivers within seconds) deletes that too: deleting more of what someone asked to forget
            // is the safer mistake than keeping some of it.
            var removed = await store.DeleteUserAsync(turn.ChannelId, turn.UserId, cancellationToken).ConfigureAwait(false);
            LogForgotten(logger, turn.ChannelId, removed.Removed);
            var forgotten = await MarkedAsync(turn, !once, new TurnResult([Forgotten(turn, removed.SharedCases)]) { ForgotPerson = true }, cancellationToken).ConfigureAwait(false);
            // A duplicate's deletes ran too: its channel must also drop what it cached about the person (and not save
            // the reference the deletes just removed).
            return forgotten.WasDuplicate ? forgotten with { ForgotPerson = true } : forgotten;
        }

        // One commit a turn where the store allows: read, apply, then record the delivery id in the write's own
        // transaction; a concurrent duplicate that loses there sends nothing. Otherwise (Blob storage) the delivery
        // id is recorded with the first read, both requests at once.
        StoredState? stored;
        var marked = !once;
        if (once && !store.MarksWithWrite)
        {
            var first = await store.TryMarkProcessedAndReadAsync(turn.StateKey, turn.TurnId, options.DuplicateWindow, cancellationToken).ConfigureAwait(false);
            if (!first.Accepted)
            {
                return Duplicate(turn);
            }

            stored = first.State;
            marked = true;
        }
        else
        {
            stored = await store.ReadAsync(turn.StateKey, cancellationToken).ConfigureAwait(false);
        }

        var owner = input.Button is { } button && !TurnRouter.IsOwnButton(input, turn) ? button.OwnerName : AdviceDialog.OwnerNameFor(turn);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                stored = await store.ReadAsync(turn.StateKey, cancellationToken).ConfigureAwait(false);
            }

            var state = stored is null ? null : WalkthroughStateSerializer.Deserialize(stored.Data);
            if (state is not null && !dialog.CanContinue(state))
            {
                // Saved under a rulebook whose questions or codes have since changed: start afresh rather than guess.
                state = null;
            }

            var replies = new List<Reply>(4);
            var next = _router.Apply(turn, input, state, replies);
            var data = next is null ? null : WalkthroughStateSerializer.Serialize(next);
            if (data is null || (stored is not null && data.AsSpan().SequenceEqual(stored.Data)))
            {
                // Nothing to write, or a delete (done first: a delete that fails then leaves no mark, so the channel's
                // retry is answered; a duplicate's delete repeats its twin's). The delivery id is still recorded
                // before anything is sent.
                if (data is null && stored is not null)
                {
                    await store.DeleteAsync(turn.StateKey, cancellationToken).ConfigureAwait(false);
                }

                return await MarkedAsync(turn, marked, new TurnResult(replies) { CaseOwnerName = owner }, cancellationToken).ConfigureAwait(false);
            }

            string? etag;
            if (marked)
            {
                etag = await store.TryWriteAsync(turn.StateKey, data, stored?.ETag, options.TimeToLive, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var write = await store.TryMarkProcessedAndWriteAsync(turn.StateKey, data, stored?.ETag, options.TimeToLive, turn.TurnId, options.DuplicateWindow, cancellationToken).ConfigureAwait(false);
                if (!write.Accepted)
                {
                    return Duplicate(turn);
                }

                marked = write.Marked;
                etag = write.ETag;
            }

            if (etag is not null)
            {
                return new TurnResult(replies) { CaseOwnerName = owner };
            }

            LogConflict(logger, turn.ChannelId, attempt);
            Telemetry.NotesGuardTelemetry.StoreRetried(turn.ChannelId);
        }

        return await MarkedAsync(turn, marked, new TurnResult([new TextReply(ConversationText.Busy, TextKind.Notice)]), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The result, once the turn's delivery id is recorded (unless it already is); a duplicate's otherwise.</summary>
    private async Task<TurnResult> MarkedAsync(Turn turn, bool marked, TurnResult result, CancellationToken cancellationToken)
    {
        if (marked || await store.TryMarkProcessedAsync(turn.ChannelId, turn.ConversationId, turn.TurnId, storage.Value.DuplicateWindow, cancellationToken).ConfigureAwait(false))
        {
            return result;
        }

        return Duplicate(turn);
    }

    private TurnResult Duplicate(Turn turn)
    {
        LogDuplicate(logger, turn.ChannelId);
        return TurnResult.Duplicate;
    }

    private static TextReply Forgotten(Turn turn, int sharedCases) =>
        new(sharedCases > 0 ? ConversationText.Forgotten + " " + ConversationText.SharedCasesStay : ConversationText.Forgotten, TextKind.Notice)
        {
            Buttons = [TurnRouter.StartNewCaseButton(turn)],
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate turn in channel {ChannelId} answered once")]
    private static partial void LogDuplicate(ILogger logger, string channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forget me in channel {ChannelId}: {Removed} record(s) deleted")]
    private static partial void LogForgotten(ILogger logger, string channelId, int removed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Walkthrough in channel {ChannelId} changed concurrently; applying the turn again (attempt {Attempt})")]
    private static partial void LogConflict(ILogger logger, string channelId, int attempt);
}
