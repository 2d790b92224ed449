using NotesGuard.Conversations.Engine;

namespace NotesGuard.Conversations.State;

/// <summary>A stored record and the version it was read at.</summary>
public sealed record StoredState(byte[] Data, string ETag, DateTimeOffset ExpiresAt);

/// <summary>
/// The first store call of a turn: whether its delivery id was new (false: a duplicate, not to be answered again,
/// and <see cref="State"/> is not read) and the record as it stood.
/// </summary>
public readonly record struct FirstDelivery(bool Accepted, StoredState? State);

/// <summary>
/// What <see cref="IStateStore.TryMarkProcessedAndWriteAsync"/> did. <see cref="Accepted"/> false: the delivery id
/// was already recorded (a duplicate, not to be answered) and nothing was written. Otherwise <see cref="ETag"/> is the
/// new version, or null when someone else wrote first; <see cref="Marked"/> then says whether the delivery id stayed
/// recorded (the caller retries with <see cref="IStateStore.TryWriteAsync"/>) or went back with the refused write
/// (the caller retries with this call again).
/// </summary>
public readonly record struct MarkedWrite(bool Accepted, bool Marked, string? ETag)
{
    public static MarkedWrite Duplicate => new(false, false, null);
}

/// <summary>
/// The app's records, each of one <see cref="RecordKind"/> kept apart from the others, with optimistic concurrency
/// and expiry; and the delivery ids already answered. Walkthrough records hold answer codes and dialog position
/// only, never typed text. Implementations: SQLite (default), Azure Blob, PostgreSQL. The walkthrough shorthands
/// (no kind argument) are in <see cref="WalkthroughRecords"/>.
/// </summary>
public interface IStateStore
{
    /// <summary>The record, or null when there is none or it has expired.</summary>
    Task<StoredState?> ReadAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes when the stored ETag still equals <paramref name="expectedETag"/> (null: only if absent or expired).
    /// Returns the new ETag, or null when someone else wrote first (the caller reloads and retries).
    /// <paramref name="owner"/> is the person the record is about ("" for none): "forget me" deletes by it.
    /// </summary>
    Task<string?> TryWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    Task DeleteAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default);

    /// <summary>Deletes every record of this kind that belongs to this person in this channel.</summary>
    Task<int> DeleteOwnedAsync(RecordKind kind, string channelId, string owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that a delivery id was processed in this conversation. False when it was already recorded there and
    /// has not expired: the caller must not answer it again. Keyed by conversation too, because a Teams activity
    /// id is unique only within its conversation.
    /// </summary>
    Task<bool> TryMarkProcessedAsync(string channelId, string conversationId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="TryMarkProcessedAsync"/> for a delivery in the key's channel and conversation, then, when it was
    /// new, <see cref="ReadAsync"/>: the start of a turn on a store that cannot mark with its write
    /// (<see cref="MarksWithWrite"/> false), where the provider sends both at once (Blob storage). The mark stays even
    /// when the turn later fails, exactly as with the two calls made one after the other.
    /// </summary>
    async Task<FirstDelivery> TryMarkProcessedAndReadAsync(RecordKind kind, StateKey key, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default)
    {
        if (!await TryMarkProcessedAsync(key.ChannelId, key.ConversationId, deliveryId, duplicateWindow, cancellationToken).ConfigureAwait(false))
        {
            return new FirstDelivery(false, null);
        }

        return new FirstDelivery(true, await ReadAsync(kind, key, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// True when <see cref="TryMarkProcessedAndWriteAsync"/> records the delivery id and writes in one transaction
    /// (SQLite, PostgreSQL, in process): a turn then reads first and marks with its write, one commit a turn. False
    /// (Blob storage, which has no transactions across blobs): a turn marks and reads at its start
    /// (<see cref="TryMarkProcessedAndReadAsync"/>, both requests at once) and writes after.
    /// </summary>
    bool MarksWithWrite => false;

    /// <summary>
    /// <see cref="TryMarkProcessedAsync"/> for a delivery in the key's channel and conversation and, when it was new,
    /// <see cref="TryWriteAsync"/>: the end of a turn that changed its record, in one commit where
    /// <see cref="MarksWithWrite"/>. A refused write takes the mark back with it where the provider can (see
    /// <see cref="MarkedWrite.Marked"/>); this default keeps it, as two calls one after the other would.
    /// </summary>
    async Task<MarkedWrite> TryMarkProcessedAndWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default)
    {
        if (!await TryMarkProcessedAsync(key.ChannelId, key.ConversationId, deliveryId, duplicateWindow, cancellationToken).ConfigureAwait(false))
        {
            return MarkedWrite.Duplicate;
        }

        return new MarkedWrite(true, true, await TryWriteAsync(kind, key, owner, data, expectedETag, timeToLive, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Removes expired records of every kind and expired delivery ids; returns how many were removed.</summary>
    Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default);

    /// <summary>True when the store can be reached (readiness).</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken = default);
}
