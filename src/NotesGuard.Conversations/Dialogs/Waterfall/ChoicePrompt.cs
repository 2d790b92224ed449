using NotesGuard.Conversations.Prompts;

namespace NotesGuard.Conversations.Dialogs.Waterfall;

/// <summary>
/// A prompt with choices. <see cref="ChoicesFor"/> rebuilds the choices from state on every turn (state keeps
/// codes only); <see cref="Ask"/> renders the question, with <c>notice</c> set to the retry message when
/// the last reply was not recognised.
/// </summary>
public sealed class ChoicePrompt<TState>(
    string id,
    Func<TState, IReadOnlyList<PromptChoice>> choicesFor,
    Action<WaterfallStepContext<TState>, string?> ask,
    string retryMessage)
    where TState : IWaterfallState
{
    public string Id { get; } = id;

    public string RetryMessage { get; } = retryMessage;

    public IReadOnlyList<PromptChoice> ChoicesFor(TState state) => choicesFor(state);

    public void Ask(WaterfallStepContext<TState> step, string? notice = null) => ask(step, notice);

    /// <summary>A clicked value must be one of the choices exactly; typed text is recognised leniently.</summary>
    public PromptChoice? Recognize(TState state, string? clickedValue, string? typedText)
    {
        var choices = ChoicesFor(state);
        if (clickedValue is not null)
        {
            return choices.FirstOrDefault(c => string.Equals(c.Value, clickedValue, StringComparison.Ordinal));
        }

        return ChoiceRecognizer.Recognize(typedText, choices);
    }
}
