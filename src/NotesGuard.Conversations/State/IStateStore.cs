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
    /// new, <see cref="ReadAsync"/>: the start of every turn, in one round trip where the provider allows (one
    /// connection and prepared statements on SQLite, one statement on PostgreSQL, both requests at once on Blob storage). The mark stays even when the
    /// turn later fails, exactly as with the two calls made one after the other.
    /// </summary>
    async Task<FirstDelivery> TryMarkProcessedAndReadAsync(RecordKind kind, StateKey key, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default)
    {
        if (!await TryMarkProcessedAsync(key.ChannelId, key.ConversationId, deliveryId, duplicateWindow, cancellationToken).ConfigureAwait(false))
        {
            return new FirstDelivery(false, null);
        }

        return new FirstDelivery(true, await ReadAsync(kind, key, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Removes expired records of every kind and expired delivery ids; returns how many were removed.</summary>
    Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default);

    /// <summary>True when the store can be reached (readiness).</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken = default);
}
