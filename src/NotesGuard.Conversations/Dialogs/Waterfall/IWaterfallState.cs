namespace NotesGuard.Conversations.Dialogs.Waterfall;

/// <summary>Where a waterfall dialog stands: the step that receives the next answer, and the prompt waiting for it.</summary>
public interface IWaterfallState
{
    int StepIndex { get; set; }

    string? PendingPromptId { get; set; }
}
