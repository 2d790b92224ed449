using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Dialogs;
using NotesGuard.Conversations.Dialogs.Waterfall;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.State;

namespace NotesGuard.Conversations.Engine;

/// <summary>
/// Runs one turn: answers a duplicate delivery once, then read state → apply the turn → write with the ETag
/// read; when another turn of the same walkthrough wrote first, reload and apply again, so no answer is lost.
/// </summary>
public sealed partial class ConversationEngine(
    IStateStore store,
    AdviceDialog dialog,
    IOptions<StorageOptions> storage,
    ILogger<ConversationEngine> logger) : ITurnHandler
{
    private const int MaxAttempts = 10;

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var options = storage.Value;
        if (!string.IsNullOrEmpty(turn.TurnId) &&
            !await store.TryMarkProcessedAsync(turn.ChannelId, turn.TurnId, options.DuplicateWindow, cancellationToken).ConfigureAwait(false))
        {
            LogDuplicate(logger, turn.ChannelId);
            return TurnResult.Duplicate;
        }

        var input = TurnInput.From(turn);
        if (input.Command == WalkthroughCommand.ForgetMe && IsOwnButton(input, turn))
        {
            var removed = await store.DeleteUserAsync(turn.ChannelId, turn.UserId, cancellationToken).ConfigureAwait(false);
            LogForgotten(logger, turn.ChannelId, removed);
            return new TurnResult([Forgotten(turn)]);
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await store.ReadAsync(turn.StateKey, cancellationToken).ConfigureAwait(false);
            var state = stored is null ? null : WalkthroughStateSerializer.Deserialize(stored.Data);
            if (state is not null && !dialog.CanContinue(state))
            {
                // Saved under a rulebook whose questions or codes have since changed: start afresh rather than guess.
                state = null;
            }

            var replies = new List<Reply>(4);
            var next = Apply(turn, input, state, replies);
            if (next is null)
            {
                if (stored is not null)
                {
                    await store.DeleteAsync(turn.StateKey, cancellationToken).ConfigureAwait(false);
                }

                return new TurnResult(replies);
            }

            var data = WalkthroughStateSerializer.Serialize(next);
            if (stored is not null && data.AsSpan().SequenceEqual(stored.Data))
            {
                return new TurnResult(replies);
            }

            var etag = await store.TryWriteAsync(turn.StateKey, data, stored?.ETag, options.TimeToLive, cancellationToken).ConfigureAwait(false);
            if (etag is not null)
            {
                return new TurnResult(replies);
            }

            LogConflict(logger, turn.ChannelId, attempt);
        }

        return new TurnResult([new TextReply(ConversationText.Busy, TextKind.Notice)]);
    }

    /// <summary>Applies the turn to the walkthrough; returns the state to save, or null to delete it.</summary>
    private WalkthroughState? Apply(Turn turn, TurnInput input, WalkthroughState? stored, List<Reply> replies)
    {
        var state = stored ?? new WalkthroughState();
        var step = new WaterfallStepContext<WalkthroughState>(turn, state, replies);

        if (input.Button is { } button && !IsOwnButton(input, turn))
        {
            replies.Add(new TextReply(ConversationText.BelongsTo(button.OwnerName), TextKind.Notice)
            {
                Buttons = [StartNewCaseButton(turn)],
            });
            return stored;
        }

        if (input.Command is WalkthroughCommand.NewCase)
        {
            if (stored is null)
            {
                dialog.Start(step, new TextReply(ConversationText.NewCaseStarted, TextKind.Notice));
            }
            else
            {
                dialog.NewCase(step);
            }

            return state;
        }

        if (stored is null)
        {
            if (input.Button is not null && input.Command is not WalkthroughCommand.Help)
            {
                replies.Add(new TextReply(ConversationText.CaseEnded, TextKind.Notice) { Buttons = [StartNewCaseButton(turn)] });
                return null;
            }

            if (input.Command is WalkthroughCommand.Cancel)
            {
                replies.Add(new TextReply(ConversationText.Cancelled, TextKind.Notice) { Buttons = [StartNewCaseButton(turn)] });
                return null;
            }

            dialog.Start(step, new TextReply(ConversationText.Welcome, TextKind.Welcome, ConversationText.WelcomeTitle));
            if (input.Command is WalkthroughCommand.Help)
            {
                replies.Insert(1, new TextReply(ConversationText.Help, TextKind.Help, ConversationText.HelpTitle));
            }

            return state;
        }

        if (input.Button is { } clicked && clicked.CaseId != state.CaseId)
        {
            replies.Add(new TextReply(ConversationText.EarlierCase, TextKind.Notice));
            dialog.Reprompt(step, withRetryMessage: false);
            return state;
        }

        switch (input.Command)
        {
            case WalkthroughCommand.Help:
                dialog.Help(step);
                return state;
            case WalkthroughCommand.Why:
                dialog.Why(step);
                return state;
            case WalkthroughCommand.Resume:
                dialog.Reprompt(step, withRetryMessage: false);
                return state;
            case WalkthroughCommand.Back:
                dialog.Back(step);
                return state;
            case WalkthroughCommand.Restart:
                dialog.Restart(step);
                return state;
            case WalkthroughCommand.Cancel:
                replies.Add(new TextReply(ConversationText.Cancelled, TextKind.Notice) { Buttons = [StartNewCaseButton(turn)] });
                return null;
            case WalkthroughCommand.ShowGuidance:
                if (!dialog.ConfirmReview(step))
                {
                    replies.Add(new TextReply(ConversationText.UnknownButton, TextKind.Notice));
                    dialog.Reprompt(step, withRetryMessage: false);
                }

                return state;
        }

        switch (input.Button)
        {
            case { Action: ButtonAction.Answer } answer:
                if (!AdviceDialog.IsWaitingFor(state, answer.Target))
                {
                    replies.Add(new TextReply(ConversationText.AlreadyAnswered, TextKind.Notice));
                    dialog.Reprompt(step, withRetryMessage: false);
                    return state;
                }

                return ContinueWithAnswer(step, answer.Choice, typed: null);
            case { Action: ButtonAction.Change } change:
                if (!dialog.TryChange(step, change.Target))
                {
                    replies.Add(new TextReply(ConversationText.UnknownButton, TextKind.Notice));
                    dialog.Reprompt(step, withRetryMessage: false);
                }

                return state;
            case not null:
                replies.Add(new TextReply(ConversationText.UnknownButton, TextKind.Notice));
                dialog.Reprompt(step, withRetryMessage: false);
                return state;
        }

        if (input.UnknownButton)
        {
            replies.Add(new TextReply(ConversationText.UnknownButton, TextKind.Notice));
            dialog.Reprompt(step, withRetryMessage: false);
            return state;
        }

        return ContinueWithAnswer(step, clicked: null, turn.Text);
    }

    private WalkthroughState ContinueWithAnswer(WaterfallStepContext<WalkthroughState> step, string? clicked, string? typed)
    {
        var prompt = dialog.PendingPrompt(step.State);
        var choice = prompt?.Recognize(step.State, clicked, typed);
        if (choice is null)
        {
            dialog.Reprompt(step, withRetryMessage: true);
            return step.State;
        }

        if (!dialog.Continue(step, choice.Value, clicked is not null))
        {
            dialog.Start(step, new TextReply(ConversationText.NewCaseStarted, TextKind.Notice));
        }

        return step.State;
    }

    private static bool IsOwnButton(TurnInput input, Turn turn) =>
        input.Button is null || input.Button.OwnerTag == ButtonValue.OwnerTagOf(turn.UserId);

    private static ReplyButton StartNewCaseButton(Turn turn) => new(
        ConversationText.StartNewCase,
        new ButtonValue(ButtonAction.Command, "-", ButtonValue.OwnerTagOf(turn.UserId), nameof(WalkthroughCommand.NewCase)).Encode(),
        ButtonStyle.Primary);

    private static TextReply Forgotten(Turn turn) =>
        new(ConversationText.Forgotten, TextKind.Notice) { Buttons = [StartNewCaseButton(turn)] };

    [LoggerMessage(Level = LogLevel.Information, Message = "Duplicate turn in channel {ChannelId} answered once")]
    private static partial void LogDuplicate(ILogger logger, string channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forget me in channel {ChannelId}: {Removed} walkthrough(s) deleted")]
    private static partial void LogForgotten(ILogger logger, string channelId, int removed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Walkthrough in channel {ChannelId} changed concurrently; applying the turn again (attempt {Attempt})")]
    private static partial void LogConflict(ILogger logger, string channelId, int attempt);
}
