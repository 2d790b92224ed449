namespace NotesGuard.Conversations.Dialogs.Waterfall;

/// <summary>
/// A dialog as an ordered list of steps, in the Bot Framework's spirit: each step stores the previous answer
/// and asks the next question. The position (step name, pending prompt) lives in the typed state, so a
/// walkthrough continues on any instance after a restart, and after a release that adds or reorders steps.
/// </summary>
public abstract class WaterfallDialog<TState>
    where TState : IWaterfallState
{
    // Loops (answer → next question) always stop at a prompt; this only catches a step that never does.
    private const int MaxStepsPerTurn = 64;

    private readonly List<WaterfallStep<TState>> _steps = [];
    private readonly Dictionary<string, ChoicePrompt<TState>> _prompts = new(StringComparer.Ordinal);

    /// <summary>Stands for "after the last step" in a saved position.</summary>
    public const string EndStepName = "end";

    protected void AddSteps(params WaterfallStep<TState>[] steps)
    {
        _steps.AddRange(steps);
        // A step's name is its saved identity: two steps with one name could resume in the wrong one.
        var names = _steps.Select(s => s.Method.Name).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count || names.Contains(EndStepName, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"{GetType().Name}: every step needs its own method name (saved positions use it).");
        }
    }

    /// <summary>False when a saved position names a step this dialog no longer has: start afresh rather than guess.</summary>
    public bool KnowsPosition(TState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.StepName is null or EndStepName || _steps.Exists(s => s.Method.Name == state.StepName);
    }

    protected void AddPrompt(ChoicePrompt<TState> prompt) => _prompts.Add(prompt.Id, prompt);

    public ChoicePrompt<TState>? PendingPrompt(TState state) =>
        state.PendingPromptId is { } id && _prompts.TryGetValue(id, out var prompt) ? prompt : null;

    /// <summary>Starts at the first step.</summary>
    public bool Begin(WaterfallStepContext<TState> step) => RunFrom(step, 0, null, clicked: false);

    /// <summary>Continues with the answer the pending prompt recognised. False when the dialog ended.</summary>
    public bool Continue(WaterfallStepContext<TState> step, string result, bool clicked) =>
        RunFrom(step, IndexOfName(step.State.StepName), result, clicked);

    /// <summary>Jumps to a step now, e.g. from a command such as "back".</summary>
    public bool RunStep(WaterfallStepContext<TState> step, WaterfallStep<TState> target) =>
        RunFrom(step, IndexOf(target), null, clicked: false);

    /// <summary>Asks a prompt now whose answer goes to <paramref name="then"/>, e.g. from "back".</summary>
    public void Prompt(WaterfallStepContext<TState> step, string promptId, WaterfallStep<TState> then) =>
        PromptNow(step, promptId, IndexOf(then));

    /// <summary>Asks the pending prompt again, with the retry message when the reply was not recognised.</summary>
    public void Reprompt(WaterfallStepContext<TState> step, bool withRetryMessage)
    {
        var prompt = PendingPrompt(step.State) ?? throw new InvalidOperationException("No prompt is pending.");
        prompt.Ask(step, withRetryMessage ? prompt.RetryMessage : null);
    }

    private bool RunFrom(WaterfallStepContext<TState> step, int index, string? result, bool clicked)
    {
        step.Result = result;
        step.ResultWasClicked = clicked;
        for (var ran = 0; ran < MaxStepsPerTurn; ran++)
        {
            if (index >= _steps.Count)
            {
                return false;
            }

            var outcome = _steps[index](step);
            switch (outcome.Kind)
            {
                case StepOutcomeKind.WaitForPrompt:
                    PromptNow(step, outcome.PromptId!, outcome.Target is null ? index + 1 : IndexOf(outcome.Target));
                    return true;
                case StepOutcomeKind.Next:
                    index++;
                    step.Result = outcome.Result;
                    break;
                case StepOutcomeKind.GoTo:
                    index = IndexOf(outcome.Target!);
                    step.Result = null;
                    break;
                default:
                    step.State.PendingPromptId = null;
                    return false;
            }

            step.ResultWasClicked = false;
        }

        throw new InvalidOperationException($"{GetType().Name} ran {MaxStepsPerTurn} steps without prompting.");
    }

    private void PromptNow(WaterfallStepContext<TState> step, string promptId, int answerStepIndex)
    {
        var prompt = _prompts[promptId];
        step.State.StepName = answerStepIndex < _steps.Count ? _steps[answerStepIndex].Method.Name : EndStepName;
        step.State.PendingPromptId = prompt.Id;
        prompt.Ask(step);
    }

    private int IndexOfName(string? name)
    {
        if (name is null)
        {
            return 0;
        }

        var index = name == EndStepName ? _steps.Count : _steps.FindIndex(s => s.Method.Name == name);
        return index >= 0 ? index : throw new InvalidOperationException($"{name} is not a step of {GetType().Name}; check KnowsPosition first.");
    }

    private int IndexOf(Delegate target)
    {
        var index = _steps.FindIndex(s => s.Method == target.Method);
        return index >= 0 ? index : throw new InvalidOperationException($"{target.Method.Name} is not a step of {GetType().Name}.");
    }
}
