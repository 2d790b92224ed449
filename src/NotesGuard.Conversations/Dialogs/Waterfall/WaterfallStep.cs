namespace NotesGuard.Conversations.Dialogs.Waterfall;

/// <summary>One step of a waterfall: store the previous answer, ask the next question.</summary>
public delegate StepOutcome WaterfallStep<TState>(WaterfallStepContext<TState> step)
    where TState : IWaterfallState;
