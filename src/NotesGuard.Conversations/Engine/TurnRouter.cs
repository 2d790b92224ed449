using NotesGuard.Conversations.Dialogs;
using NotesGuard.Conversations.Dialogs.Waterfall;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.State;

namespace NotesGuard.Conversations.Engine;

/// <summary>
/// Decides what a turn means for a walkthrough, in one place: someone else's card, a new case, no walkthrough
/// yet, a card from an earlier case, a command, a clicked button, or typed text for the open prompt.
/// </summary>
internal sealed class TurnRouter(AdviceDialog dialog)
{
    /// <summary>Applies the turn; returns the state to save, or null to delete it.</summary>
    public WalkthroughState? Apply(Turn turn, TurnInput input, WalkthroughState? stored, List<Reply> replies)
    {
        var state = stored ?? new WalkthroughState();
        var step = new WaterfallStepContext<WalkthroughState>(turn, state, replies);

        if (input.Button is { } button && !IsOwnButton(input, turn))
        {
            replies.Add(Notice(ConversationText.BelongsTo(button.OwnerName), StartNewCaseButton(turn)));
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
            return StartOrExplain(step, input);
        }

        if (input.Button is { } clicked && clicked.CaseId != state.CaseId)
        {
            return Refuse(step, ConversationText.EarlierCase);
        }

        if (input.Command is { } command)
        {
            return ApplyCommand(step, command);
        }

        if (input.Button is { } pressed)
        {
            return ApplyButton(step, pressed);
        }

        return input.UnknownButton ? Refuse(step, ConversationText.UnknownButton) : Answer(step, clicked: null, step.Turn.Text);
    }

    public static bool IsOwnButton(TurnInput input, Turn turn) =>
        input.Button is null || input.Button.OwnerTag == ButtonValue.OwnerTagOf(turn.UserId);

    public static ReplyButton StartNewCaseButton(Turn turn) => new(
        ConversationText.StartNewCase,
        new ButtonValue(ButtonAction.Command, "-", ButtonValue.OwnerTagOf(turn.UserId), nameof(WalkthroughCommand.NewCase)).Encode(),
        ButtonStyle.Primary);

    /// <summary>No walkthrough (never started, cancelled, forgotten or expired).</summary>
    private WalkthroughState? StartOrExplain(WaterfallStepContext<WalkthroughState> step, TurnInput input)
    {
        if (input.Button is not null && input.Command is not WalkthroughCommand.Help)
        {
            step.Send(Notice(ConversationText.CaseEnded, StartNewCaseButton(step.Turn)));
            return null;
        }

        if (input.Command is WalkthroughCommand.Cancel)
        {
            step.Send(Notice(ConversationText.Cancelled, StartNewCaseButton(step.Turn)));
            return null;
        }

        dialog.Start(step, new TextReply(ConversationText.Welcome, TextKind.Welcome, ConversationText.WelcomeTitle));
        if (input.Command is WalkthroughCommand.Help)
        {
            step.Replies.Insert(1, new TextReply(ConversationText.Help, TextKind.Help, ConversationText.HelpTitle));
        }

        return step.State;
    }

    private WalkthroughState? ApplyCommand(WaterfallStepContext<WalkthroughState> step, WalkthroughCommand command)
    {
        switch (command)
        {
            case WalkthroughCommand.Help:
                dialog.Help(step);
                break;
            case WalkthroughCommand.Why:
                dialog.Why(step);
                break;
            case WalkthroughCommand.Resume:
                dialog.Reprompt(step, withRetryMessage: false);
                break;
            case WalkthroughCommand.Back:
                dialog.Back(step);
                break;
            case WalkthroughCommand.Restart:
                dialog.Restart(step);
                break;
            case WalkthroughCommand.Cancel:
                step.Send(Notice(ConversationText.Cancelled, StartNewCaseButton(step.Turn)));
                return null;
            case WalkthroughCommand.ShowGuidance when !dialog.ConfirmReview(step):
                return Refuse(step, ConversationText.UnknownButton);
        }

        return step.State;
    }

    private WalkthroughState ApplyButton(WaterfallStepContext<WalkthroughState> step, ButtonValue button) => button switch
    {
        { Action: ButtonAction.Answer } when !AdviceDialog.IsWaitingFor(step.State, button.Target) => Refuse(step, ConversationText.AlreadyAnswered),
        { Action: ButtonAction.Answer } => Answer(step, button.Choice, typed: null),
        { Action: ButtonAction.Change } when dialog.TryChange(step, button.Target) => step.State,
        _ => Refuse(step, ConversationText.UnknownButton),
    };

    private WalkthroughState Answer(WaterfallStepContext<WalkthroughState> step, string? clicked, string? typed)
    {
        var choice = dialog.PendingPrompt(step.State)?.Recognize(step.State, clicked, typed);
        if (choice is null)
        {
            dialog.Reprompt(step, withRetryMessage: true);
        }
        else if (!dialog.Continue(step, choice.Value, clicked is not null))
        {
            dialog.Start(step, new TextReply(ConversationText.NewCaseStarted, TextKind.Notice));
        }

        return step.State;
    }

    /// <summary>Says why the turn changed nothing, then shows where the walkthrough stands.</summary>
    private WalkthroughState Refuse(WaterfallStepContext<WalkthroughState> step, string why)
    {
        step.Send(new TextReply(why, TextKind.Notice));
        dialog.Reprompt(step, withRetryMessage: false);
        return step.State;
    }

    private static TextReply Notice(string text, ReplyButton button) => new(text, TextKind.Notice) { Buttons = [button] };
}
