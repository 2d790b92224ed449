using NotesGuard.Conversations.Engine;

namespace NotesGuard.Conversations.State;

/// <summary>A stored record and the version it was read at.</summary>
public sealed record StoredState(byte[] Data, string ETag, DateTimeOffset ExpiresAt);

/// <summary>
/// Dialog state with optimistic concurrency and expiry. Records hold answer codes and dialog position only,
/// never typed text. Implementations: SQLite (default), Azure Blob, PostgreSQL.
/// </summary>
public interface IStateStore
{
    /// <summary>The record, or null when there is none or it has expired.</summary>
    Task<StoredState?> ReadAsync(StateKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes when the stored ETag still equals <paramref name="expectedETag"/> (null: only if absent).
    /// Returns the new ETag, or null when someone else wrote first (the caller reloads and retries).
    /// </summary>
    Task<string?> TryWriteAsync(StateKey key, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    Task DeleteAsync(StateKey key, CancellationToken cancellationToken = default);

    /// <summary>Deletes every record of this user in this channel (the "forget me" command).</summary>
    Task<int> DeleteUserAsync(string channelId, string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that a delivery id was processed. False when it was already recorded and has not expired:
    /// the caller must not answer it again.
    /// </summary>
    Task<bool> TryMarkProcessedAsync(string channelId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Removes expired records and processed ids; returns how many were removed.</summary>
    Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default);

    /// <summary>True when the store can be reached (readiness).</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken = default);
}
