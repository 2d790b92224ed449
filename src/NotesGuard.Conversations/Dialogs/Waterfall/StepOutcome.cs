namespace NotesGuard.Conversations.Dialogs.Waterfall;

/// <summary>What a waterfall step asks the dialog to do next.</summary>
public sealed class StepOutcome
{
    private StepOutcome(StepOutcomeKind kind, string? promptId = null, Delegate? target = null, string? result = null)
    {
        Kind = kind;
        PromptId = promptId;
        Target = target;
        Result = result;
    }

    public StepOutcomeKind Kind { get; }

    public string? PromptId { get; }

    public Delegate? Target { get; }

    public string? Result { get; }

    /// <summary>
    /// Ask the user; their recognised answer goes on a later turn to the next step, or to <paramref name="then"/>
    /// when the answer belongs to an earlier step (changing an answer from the review).
    /// </summary>
    public static StepOutcome Prompt(string promptId, Delegate? then = null) =>
        new(StepOutcomeKind.WaitForPrompt, promptId, then);

    /// <summary>Run the next step now.</summary>
    public static StepOutcome Next(string? result = null) => new(StepOutcomeKind.Next, result: result);

    /// <summary>Run another step of the same dialog now (a loop, or skipping ahead).</summary>
    public static StepOutcome GoTo(Delegate step) => new(StepOutcomeKind.GoTo, target: step);

    public static readonly StepOutcome End = new(StepOutcomeKind.End);
}

public enum StepOutcomeKind
{
    WaitForPrompt,
    Next,
    GoTo,
    End,
}
