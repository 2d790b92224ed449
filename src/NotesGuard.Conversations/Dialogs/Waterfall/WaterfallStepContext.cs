using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Conversations.Dialogs.Waterfall;

/// <summary>What a step sees: the turn, the typed state, the previous prompt's answer, and the replies so far.</summary>
public sealed class WaterfallStepContext<TState>(Turn turn, TState state, List<Reply> replies)
    where TState : IWaterfallState
{
    public Turn Turn { get; } = turn;

    public TState State { get; } = state;

    /// <summary>The value the previous step's prompt recognised, or what the previous step passed on.</summary>
    public string? Result { get; internal set; }

    /// <summary>True when <see cref="Result"/> came from a button click rather than typed text.</summary>
    public bool ResultWasClicked { get; internal set; }

    public List<Reply> Replies { get; } = replies;

    public void Send(Reply reply) => Replies.Add(reply);
}
