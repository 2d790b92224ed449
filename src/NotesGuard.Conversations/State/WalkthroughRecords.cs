using NotesGuard.Conversations.Engine;

namespace NotesGuard.Conversations.State;

/// <summary>Walkthrough records (the engine's), and "forget me" over every kind.</summary>
public static class WalkthroughRecords
{
    public static Task<StoredState?> ReadAsync(this IStateStore store, StateKey key, CancellationToken cancellationToken = default) =>
        Store(store).ReadAsync(RecordKind.Walkthrough, key, cancellationToken);

    /// <summary>A turn's first store call: its delivery id marked processed, and its walkthrough read when the id was new.</summary>
    public static Task<FirstDelivery> TryMarkProcessedAndReadAsync(this IStateStore store, StateKey key, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default) =>
        Store(store).TryMarkProcessedAndReadAsync(RecordKind.Walkthrough, key, deliveryId, duplicateWindow, cancellationToken);

    public static Task<string?> TryWriteAsync(this IStateStore store, StateKey key, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        Store(store).TryWriteAsync(RecordKind.Walkthrough, key, key.UserId, data, expectedETag, timeToLive, cancellationToken);

    /// <summary>A turn's write with its delivery id marked processed, in one commit where the store allows.</summary>
    public static Task<MarkedWrite> TryMarkProcessedAndWriteAsync(this IStateStore store, StateKey key, byte[] data, string? expectedETag, TimeSpan timeToLive, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default) =>
        Store(store).TryMarkProcessedAndWriteAsync(RecordKind.Walkthrough, key, key.UserId, data, expectedETag, timeToLive, deliveryId, duplicateWindow, cancellationToken);

    public static Task DeleteAsync(this IStateStore store, StateKey key, CancellationToken cancellationToken = default) =>
        Store(store).DeleteAsync(RecordKind.Walkthrough, key, cancellationToken);

    /// <summary>
    /// "Forget me": deletes every record of every kind that belongs to this person in this channel — their
    /// walkthroughs in every conversation, the reference of their personal chat, its welcome marker. Records that
    /// belong to no person (a workspace's install) have no owner and are never touched.
    /// </summary>
    public static async Task<ForgottenRecords> DeleteUserAsync(this IStateStore store, string channelId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var removed = 0;
        var shares = 0;
        foreach (var kind in RecordKind.All)
        {
            var count = await Store(store).DeleteOwnedAsync(kind, channelId, userId, cancellationToken).ConfigureAwait(false);
            removed += count;
            shares += kind == RecordKind.CaseShare ? count : 0;
        }

        return new ForgottenRecords(removed, shares);
    }

    private static IStateStore Store(IStateStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store;
    }
}

/// <summary>
/// What "forget me" deleted: how many records, and of them how many cases the person had shared to a group (whose
/// posted cards stay there: without the record NotesGuard can no longer tell they were theirs).
/// </summary>
public readonly record struct ForgottenRecords(int Removed, int SharedCases);
