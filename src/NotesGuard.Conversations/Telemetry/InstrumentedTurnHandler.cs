using System.Diagnostics;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Conversations.Telemetry;

/// <summary>
/// Wraps the engine so every channel's turns are measured in one place: a span per turn, turns and latency by
/// channel, guidance cards by outcome code, and failures (which come from the state store: the dialog is pure).
/// </summary>
public sealed class InstrumentedTurnHandler(ITurnHandler inner) : ITurnHandler
{
    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        using var activity = NotesGuardTelemetry.StartTurn(turn.ChannelId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
            var outcome = result.Replies.OfType<GuidanceCardReply>().Select(c => c.Advice.Outcome).FirstOrDefault();
            var kind = result.WasDuplicate ? "duplicate" : result.Replies.Any(IsBusy) ? "busy" : "replied";
            NotesGuardTelemetry.TurnHandled(turn.ChannelId, kind, Stopwatch.GetElapsedTime(started));
            activity?.SetTag("notesguard.result", kind);
            if (outcome is not null)
            {
                NotesGuardTelemetry.OutcomeShown(turn.ChannelId, outcome);
                activity?.SetTag("notesguard.outcome", outcome);
            }

            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            NotesGuardTelemetry.TurnHandled(turn.ChannelId, "failed", Stopwatch.GetElapsedTime(started));
            NotesGuardTelemetry.StoreFailed(turn.ChannelId, ex);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    private static bool IsBusy(Reply reply) =>
        reply is TextReply { Kind: TextKind.Notice } text && text.Text == Dialogs.ConversationText.Busy;
}
