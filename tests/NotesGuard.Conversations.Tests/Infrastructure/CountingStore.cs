using System.Collections.Concurrent;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Conversations.Tests.Infrastructure;

/// <summary>The real store, with every call the engine makes listed by name: a turn's store round trips, counted.</summary>
internal sealed class CountingStore(IStateStore inner, bool? marksWithWrite = null) : IStateStore
{
    private readonly ConcurrentQueue<string> _calls = new();

    public IReadOnlyList<string> Calls => [.. _calls];

    public void Clear() => _calls.Clear();

    public Task<StoredState?> ReadAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default) =>
        Count(nameof(ReadAsync), inner.ReadAsync(kind, key, cancellationToken));

    public Task<string?> TryWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        Count(nameof(TryWriteAsync), inner.TryWriteAsync(kind, key, owner, data, expectedETag, timeToLive, cancellationToken));

    public Task DeleteAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default) =>
        Count(nameof(DeleteAsync), inner.DeleteAsync(kind, key, cancellationToken));

    public Task<int> DeleteOwnedAsync(RecordKind kind, string channelId, string owner, CancellationToken cancellationToken = default) =>
        Count(nameof(DeleteOwnedAsync), inner.DeleteOwnedAsync(kind, channelId, owner, cancellationToken));

    public Task<bool> TryMarkProcessedAsync(string channelId, string conversationId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        Count(nameof(TryMarkProcessedAsync), inner.TryMarkProcessedAsync(channelId, conversationId, deliveryId, timeToLive, cancellationToken));

    public Task<FirstDelivery> TryMarkProcessedAndReadAsync(RecordKind kind, StateKey key, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default) =>
        Count(nameof(TryMarkProcessedAndReadAsync), inner.TryMarkProcessedAndReadAsync(kind, key, deliveryId, duplicateWindow, cancellationToken));

    /// <summary>The inner store's, unless the test plays a store without transactions (Blob storage).</summary>
    public bool MarksWithWrite => marksWithWrite ?? inner.MarksWithWrite;

    public Task<MarkedWrite> TryMarkProcessedAndWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default) =>
        Count(nameof(TryMarkProcessedAndWriteAsync), inner.TryMarkProcessedAndWriteAsync(kind, key, owner, data, expectedETag, timeToLive, deliveryId, duplicateWindow, cancellationToken));

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => inner.PurgeExpiredAsync(cancellationToken);

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken = default) => inner.IsReachableAsync(cancellationToken);

    private T Count<T>(string name, T call)
    {
        _calls.Enqueue(name);
        return call;
    }
}
