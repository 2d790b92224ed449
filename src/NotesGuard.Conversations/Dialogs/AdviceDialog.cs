using NotesGuard.Conversations.Dialogs.Waterfall;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Prompts;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.State;
using NotesGuard.Guidance;

namespace NotesGuard.Conversations.Dialogs;

/// <summary>
/// The walkthrough: the advisor's next question one per turn until the advice is ready, a review of the
/// answers with a way to change any of them, the guidance card, then an offer to start a new case.
/// </summary>
public sealed class AdviceDialog : WaterfallDialog<WalkthroughState>
{
    public const string QuestionPrompt = "question";
    public const string ReviewPrompt = "review";
    public const string FinishedPrompt = "finished";

    private const string ConfirmValue = "confirm";
    private const string ChangePrefix = "change:";
    private const string NewCaseValue = "new-case";

    private static readonly IReadOnlyList<PromptChoice> FinishedChoices =
    [
        new(NewCaseValue, ConversationText.StartNewCase, ["new case", "new", "start", "start again", "yes", "another", "restart"]),
    ];

    private readonly IAdvisor _advisor;
    private readonly PracticeSettings _practice;

    public AdviceDialog(IAdvisor advisor, PracticeSettings practice)
    {
        _advisor = advisor;
        _practice = practice;

        AddSteps(
            AskNextQuestionStep,
            RecordAnswerStep,
            ReviewAnswersStep,
            ApplyReviewChoiceStep,
            ShowGuidanceStep,
            StartNewCaseStep);

        AddPrompt(new ChoicePrompt<WalkthroughState>(QuestionPrompt, QuestionChoices, AskQuestion, ConversationText.Retry));
        AddPrompt(new ChoicePrompt<WalkthroughState>(ReviewPrompt, ReviewChoices, AskReview, ConversationText.ReviewRetry));
        AddPrompt(new ChoicePrompt<WalkthroughState>(FinishedPrompt, _ => FinishedChoices, AskFinished, ConversationText.FinishedRetry));
    }

    // Steps, in order.
    private StepOutcome AskNextQuestionStep(WaterfallStepContext<WalkthroughState> step)
    {
        var response = _advisor.Advise(AnswersOf(step.State));
        if (response.IsComplete)
        {
            return StepOutcome.GoTo(ReviewAnswersStep);
        }

        step.State.PendingQuestionId = response.NextQuestion!.Id;
        return StepOutcome.Prompt(QuestionPrompt);
    }

    private StepOutcome RecordAnswerStep(WaterfallStepContext<WalkthroughState> step)
    {
        var state = step.State;
        var question = _advisor.GetQuestion(state.PendingQuestionId!);
        var index = state.Answers.FindIndex(a => a.QuestionId == question.Id);
        var answer = new GivenAnswer(question.Id, step.Result!);
        if (index >= 0)
        {
            state.Answers[index] = answer;
        }
        else
        {
            state.Answers.Add(answer);
        }

        state.PendingQuestionId = null;
        AnswerPath.KeepOnlyAnswersStillAsked(_advisor, state.Answers);
        var title = question.Choices.First(c => c.Value == answer.Value).Title;
        step.Send(new AnsweredQuestionReply(
            state.CaseId, question.Id, question.Text, title, OwnerNameFor(step.Turn), ReplacesClickedMessage: step.ResultWasClicked));
        return StepOutcome.GoTo(AskNextQuestionStep);
    }

    private StepOutcome ReviewAnswersStep(WaterfallStepContext<WalkthroughState> step)
    {
        step.State.PendingQuestionId = null;
        return StepOutcome.Prompt(ReviewPrompt);
    }

    private StepOutcome ApplyReviewChoiceStep(WaterfallStepContext<WalkthroughState> step)
    {
        if (step.Result is { } result && result.StartsWith(ChangePrefix, StringComparison.Ordinal))
        {
            step.State.PendingQuestionId = result[ChangePrefix.Length..];
            return StepOutcome.Prompt(QuestionPrompt, then: RecordAnswerStep);
        }

        return StepOutcome.Next();
    }

    private StepOutcome ShowGuidanceStep(WaterfallStepContext<WalkthroughState> step)
    {
        var answers = AnswersOf(step.State);
        var response = _advisor.Advise(answers);
        if (!response.IsComplete)
        {
            return StepOutcome.GoTo(AskNextQuestionStep);
        }

        step.Send(new GuidanceCardReply(
            step.State.CaseId,
            response.Result!,
            [
                Button(step, ConversationText.StartNewCase, WalkthroughCommand.NewCase, ButtonStyle.Primary),
                Button(step, ConversationText.Back, WalkthroughCommand.Back),
            ],
            _practice.PracticeName,
            _practice.SupervisorContact,
            OwnerNameFor(step.Turn))
        {
            Answers = answers,
        });
        return StepOutcome.Prompt(FinishedPrompt);
    }

    private StepOutcome StartNewCaseStep(WaterfallStepContext<WalkthroughState> step)
    {
        ResetCase(step.State);
        step.Send(new TextReply(ConversationText.NewCaseStarted, TextKind.Notice));
        return StepOutcome.GoTo(AskNextQuestionStep);
    }

    // Commands, available at any point.

    /// <summary>A brand-new walkthrough: welcome, then the first question.</summary>
    public void Start(WaterfallStepContext<WalkthroughState> step, Reply opening)
    {
        ResetCase(step.State);
        step.Send(opening);
        Begin(step);
    }

    public void Restart(WaterfallStepContext<WalkthroughState> step) =>
        Start(step, new TextReply(ConversationText.Restarted, TextKind.Notice));

    public void Help(WaterfallStepContext<WalkthroughState> step)
    {
        step.Send(new TextReply(ConversationText.Help, TextKind.Help, ConversationText.HelpTitle));
        Reprompt(step, withRetryMessage: false);
    }

    public void Why(WaterfallStepContext<WalkthroughState> step)
    {
        var text = step.State.PendingPromptId == QuestionPrompt && step.State.PendingQuestionId is { } id
            ? _advisor.GetQuestion(id).Why
            : ConversationText.WhyWithoutQuestion;
        step.Send(new TextReply(text, TextKind.Plain, ConversationText.WhyTitle));
    }

    /// <summary>Back: after the card, to the review; otherwise the last answer is asked again.</summary>
    public void Back(WaterfallStepContext<WalkthroughState> step)
    {
        var state = step.State;
        if (state.PendingPromptId == FinishedPrompt)
        {
            RunStep(step, ReviewAnswersStep);
            return;
        }

        if (state.Answers.Count == 0)
        {
            step.Send(new TextReply(ConversationText.NothingToGoBackTo, TextKind.Notice));
            Reprompt(step, withRetryMessage: false);
            return;
        }

        var last = state.Answers[^1];
        state.Answers.RemoveAt(state.Answers.Count - 1);
        state.PendingQuestionId = last.QuestionId;
        Prompt(step, QuestionPrompt, then: RecordAnswerStep);
    }

    public void NewCase(WaterfallStepContext<WalkthroughState> step) =>
        RunStep(step, StartNewCaseStep);

    /// <summary>A review "change" button: only while the review is the open prompt.</summary>
    public bool TryChange(WaterfallStepContext<WalkthroughState> step, string questionId)
    {
        if (step.State.PendingPromptId != ReviewPrompt || step.State.AnswerTo(questionId) is null)
        {
            return false;
        }

        Continue(step, ChangePrefix + questionId, clicked: true);
        return true;
    }

    /// <summary>True when stored state fits the current rulebook: its prompt, question and answer codes all exist.</summary>
    public bool CanContinue(WalkthroughState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!KnowsPosition(state) || PendingPrompt(state) is null || (state.PendingPromptId == QuestionPrompt && state.PendingQuestionId is null))
        {
            return false;
        }

        try
        {
            _ = AnswersOf(state);
            if (state.PendingQuestionId is { } id)
            {
                _ = _advisor.GetQuestion(id);
            }

            return true;
        }
        catch (InvalidAnswerException)
        {
            return false;
        }
    }

    /// <summary>True when a clicked answer is for the question the walkthrough is waiting on.</summary>
    public static bool IsWaitingFor(WalkthroughState state, string questionId) =>
        state.PendingPromptId == QuestionPrompt && state.PendingQuestionId == questionId;

    // Prompts: choices rebuilt from codes in state, and how each is asked.

    private List<PromptChoice> QuestionChoices(WalkthroughState state) =>
        _advisor.GetQuestion(state.PendingQuestionId!).Choices.Select(c => new PromptChoice(c.Value, c.Title, c.Synonyms)).ToList();

    private List<PromptChoice> ReviewChoices(WalkthroughState state)
    {
        var choices = new List<PromptChoice>(state.Answers.Count + 1);
        for (var i = 0; i < state.Answers.Count; i++)
        {
            var question = _advisor.GetQuestion(state.Answers[i].QuestionId);
            choices.Add(new PromptChoice(ChangePrefix + question.Id, question.Text, [$"change {i + 1}"]));
        }

        choices.Add(new PromptChoice(
            ConfirmValue,
            ConversationText.ShowGuidance,
            ["yes", "y", "ok", "okay", "confirm", "correct", "guidance", "show", "done", "looks right", "thats right", "right", "all correct"]));
        return choices;
    }

    private void AskQuestion(WaterfallStepContext<WalkthroughState> step, string? notice)
    {
        var state = step.State;
        var question = _advisor.GetQuestion(state.PendingQuestionId!);
        var answers = AnswersOf(state);
        // A question asked again (back, or a change from the review) keeps its place in the walkthrough.
        var answeredAt = state.Answers.FindIndex(a => a.QuestionId == question.Id);
        var number = (answeredAt >= 0 ? answeredAt : state.Answers.Count) + 1;
        var total = Math.Max(number, _advisor.EstimateTotalQuestions(answers));
        var choices = question.Choices
            .Select(c => new ReplyButton(c.Title, Value(step, ButtonAction.Answer, question.Id, c.Value)))
            .ToList();
        var navigation = new List<ReplyButton>(3);
        if (state.Answers.Count > 0)
        {
            navigation.Add(Button(step, ConversationText.Back, WalkthroughCommand.Back));
        }

        navigation.Add(Button(step, ConversationText.HelpButton, WalkthroughCommand.Help));
        navigation.Add(Button(step, ConversationText.Restart, WalkthroughCommand.Restart));
        step.Send(new QuestionReply(
            state.CaseId, question.Id, question.Text, question.Why, choices, navigation, number, total, OwnerNameFor(step.Turn), notice));
    }

    private void AskReview(WaterfallStepContext<WalkthroughState> step, string? notice)
    {
        if (notice is not null)
        {
            step.Send(new TextReply(notice, TextKind.Notice));
        }

        var items = step.State.Answers.Select(a =>
        {
            var question = _advisor.GetQuestion(a.QuestionId);
            var title = question.Choices.FirstOrDefault(c => c.Value == a.Value)?.Title ?? a.Value;
            return new ReviewItem(
                question.Id,
                question.Text,
                title,
                new ReplyButton(ConversationText.Change, Value(step, ButtonAction.Change, question.Id)));
        }).ToList();
        step.Send(new ReviewReply(
            step.State.CaseId,
            items,
            new ReplyButton(ConversationText.ShowGuidance, Value(step, ButtonAction.Command, nameof(WalkthroughCommand.ShowGuidance)), ButtonStyle.Primary),
            [Button(step, ConversationText.Back, WalkthroughCommand.Back), Button(step, ConversationText.Restart, WalkthroughCommand.Restart)],
            OwnerNameFor(step.Turn)));
    }

    private static void AskFinished(WaterfallStepContext<WalkthroughState> step, string? notice)
    {
        // Straight after the card, the card's own "Start a new case" button is the prompt.
        if (notice is null && step.Replies.Count > 0 && step.Replies[^1] is GuidanceCardReply)
        {
            return;
        }

        step.Send(new TextReply(notice ?? ConversationText.CaseFinished, TextKind.Notice)
        {
            Buttons = [Button(step, ConversationText.StartNewCase, WalkthroughCommand.NewCase, ButtonStyle.Primary)],
        });
    }

    /// <summary>The review's "Show the guidance" button, as a prompt answer.</summary>
    public bool ConfirmReview(WaterfallStepContext<WalkthroughState> step) =>
        step.State.PendingPromptId == ReviewPrompt && Continue(step, ConfirmValue, clicked: true);

    // Shared pieces.

    private static AnswerSet AnswersOf(WalkthroughState state) => AnswerPath.AnswersOf(state.Answers);

    private static void ResetCase(WalkthroughState state)
    {
        state.CaseId = CaseIds.New();
        state.Answers.Clear();
        state.PendingQuestionId = null;
        state.PendingPromptId = null;
        state.StepName = null;
    }

    internal static string? OwnerNameFor(Turn turn) =>
        turn.Scope == ConversationScope.Group ? turn.UserDisplayName : null;

    internal static ReplyButton Button(WaterfallStepContext<WalkthroughState> step, string title, WalkthroughCommand command, ButtonStyle style = ButtonStyle.Default) =>
        new(title, Value(step, ButtonAction.Command, command.ToString()), style);

    private static string Value(WaterfallStepContext<WalkthroughState> step, ButtonAction action, string target, string? choice = null) =>
        new ButtonValue(action, step.State.CaseId, ButtonValue.OwnerTagOf(step.Turn.UserId), target, choice, OwnerNameFor(step.Turn)).Encode();
}
