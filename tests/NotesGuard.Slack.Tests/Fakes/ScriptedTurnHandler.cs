using System.Collections.Concurrent;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Slack.Tests.Fakes;

/// <summary>
/// The engine's outer edge for protocol tests: records every turn, answers with what the test scripts, and can be
/// held (to fill the queue) until released. Turn ids are deduped as the engine does.
/// </summary>
public sealed class ScriptedTurnHandler : ITurnHandler
{
    private readonly ConcurrentQueue<Turn> _turns = new();
    private readonly ConcurrentDictionary<string, bool> _seen = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public Func<Turn, IReadOnlyList<Reply>> Answer { get; set; } = turn => [new TextReply($"echo {turn.Text ?? turn.ActionValue}")];

    /// <summary>How long each turn takes, when it matters to the test.</summary>
    public Func<Turn, TimeSpan>? Duration { get; set; }

    /// <summary>When set, every turn waits for it before answering.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public IReadOnlyList<Turn> Turns => [.. _turns];

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        if (!_seen.TryAdd(turn.TurnId, true))
        {
            return TurnResult.Duplicate;
        }

        _turns.Enqueue(turn);
        _arrived.Release();
        if (Duration?.Invoke(turn) is { } duration)
        {
            await Task.Delay(duration, cancellationToken);
        }

        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return new TurnResult(Answer(turn));
    }

    public async Task<IReadOnlyList<Turn>> WaitForTurnsAsync(int count, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (_turns.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"expected {count} turns, saw {_turns.Count}");
            }

            await _arrived.WaitAsync(left);
        }

        return Turns;
    }
}
