namespace NotesGuard.Conversations.Dialogs.Waterfall;

/// <summary>Where a waterfall dialog stands: the step that receives the next answer, and the prompt waiting for it.</summary>
public interface IWaterfallState
{
    /// <summary>
    /// The name of the step that receives the next answer (its method's name, e.g. "RecordAnswerStep"), not its
    /// index: a saved walkthrough then survives steps being added or reordered, and one whose step no longer
    /// exists is recognised as such (<see cref="WaterfallDialog{TState}.KnowsPosition"/>) and started afresh.
    /// </summary>
    string? StepName { get; set; }

    string? PendingPromptId { get; set; }
}
