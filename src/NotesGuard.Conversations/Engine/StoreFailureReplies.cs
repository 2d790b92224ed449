using Microsoft.Extensions.Logging;
using NotesGuard.Conversations.Dialogs;
using NotesGuard.Conversations.Hosting;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Conversations.Engine;

/// <summary>
/// The engine as the channels get it: when a turn fails because the state store cannot be reached (SQLite locked,
/// Blob storage or PostgreSQL down, a timeout), the person is told to send their answer again instead of getting a
/// 500 or silence. Nothing saved earlier is touched, and the next turn simply tries the store again, so the bot
/// recovers by itself when the store returns.
/// </summary>
public sealed partial class StoreFailureReplies(ITurnHandler inner, ILogger<StoreFailureReplies> logger) : ITurnHandler
{
    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        try
        {
            return await inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Every store (three providers, each with its own exception types) fails differently; the person must hear back either way.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The exception's type and error code only, never its message: this catches whatever the turn threw.
            LogStoreFailure(logger, turn.ChannelId, LoggedFailure.Describe(ex));
            return new TurnResult([new TextReply(ConversationText.StoreUnavailable, TextKind.Notice)]);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A turn in channel {ChannelId} could not be completed ({Failure}); the person was asked to send it again")]
    private static partial void LogStoreFailure(ILogger logger, string channelId, string failure);
}
