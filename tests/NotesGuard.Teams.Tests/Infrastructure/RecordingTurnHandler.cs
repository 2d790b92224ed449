using System.Collections.Concurrent;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.State;

namespace NotesGuard.Teams.Tests.Infrastructure;

/// <summary>
/// The engine at the outer edge: records every turn the channel hands over and answers with scripted
/// replies. Like the real engine, it answers a repeated turn id once, and "forget me" deletes the person's records.
/// </summary>
public sealed class RecordingTurnHandler(IStateStore store) : ITurnHandler
{
    /// <summary>A button value this fake treats as "forget me" pressed (the real engine's value is its own business).</summary>
    public const string ForgetMeButton = "test|forget-me";

    private readonly ConcurrentQueue<Turn> _turns = new();

    public IReadOnlyList<Turn> Turns => [.. _turns];

    public Func<Turn, IReadOnlyList<Reply>> Answer { get; set; } = turn => [SampleReplies.Question()];

    /// <summary>Awaited before answering: lets a test hold a turn as long as it likes (a slow engine).</summary>
    public Func<Turn, Task>? Working { get; set; }

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        if (turn.TurnId.Length > 0 && !await store.TryMarkProcessedAsync(turn.ChannelId, turn.ConversationId, turn.TurnId, TimeSpan.FromHours(1), cancellationToken))
        {
            return TurnResult.Duplicate;
        }

        _turns.Enqueue(turn);
        if (Working is not null)
        {
            await Working(turn);
        }

        if (CommandRecognizer.Recognize(turn.Text) == WalkthroughCommand.ForgetMe || turn.ActionValue == ForgetMeButton)
        {
            await store.DeleteUserAsync(turn.ChannelId, turn.UserId, cancellationToken);
            return new TurnResult(Answer(turn)) { ForgotPerson = true };
        }

        return new TurnResult(Answer(turn));
    }
}
