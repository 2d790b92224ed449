using System.Collections.Concurrent;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Conversations.Tests.Infrastructure;

/// <summary>The real store, with every call the engine makes listed by name: a turn's store round trips, counted.</summary>
internal sealed class CountingStore(IStateStore inner, bool? marksWithWrite = null) : DelegatingStateStore(inner)
{
    private readonly ConcurrentQueue<string> _calls = new();

    public IReadOnlyList<string> Calls => [.. _calls];

    public void Clear() => _calls.Clear();

    /// <summary>The inner store's, unless the test plays a store without transactions (Blob storage).</summary>
    public override bool MarksWithWrite => marksWithWrite ?? Inner.MarksWithWrite;

    public override Task<StoredState?> ReadAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default) =>
        Count(nameof(ReadAsync), base.ReadAsync(kind, key, cancellationToken));

    public override Task<string?> TryWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        Count(nameof(TryWriteAsync), base.TryWriteAsync(kind, key, owner, data, expectedETag, timeToLive, cancellationToken));

    public override Task DeleteAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default) =>
        Count(nameof(DeleteAsync), base.DeleteAsync(kind, key, cancellationToken));

    public override Task<int> DeleteOwnedAsync(RecordKind kind, string channelId, string owner, CancellationToken cancellationToken = default) =>
        Count(nameof(DeleteOwnedAsync), base.DeleteOwnedAsync(kind, channelId, owner, cancellationToken));

    public override Task<bool> TryMarkProcessedAsync(string channelId, string conversationId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        Count(nameof(TryMarkProcessedAsync), base.TryMarkProcessedAsync(channelId, conversationId, deliveryId, timeToLive, cancellationToken));

    public override Task<FirstDelivery> TryMarkProcessedAndReadAsync(RecordKind kind, StateKey key, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default) =>
        Count(nameof(TryMarkProcessedAndReadAsync), base.TryMarkProcessedAndReadAsync(kind, key, deliveryId, duplicateWindow, cancellationToken));

    public override Task<MarkedWrite> TryMarkProcessedAndWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default) =>
        Count(nameof(TryMarkProcessedAndWriteAsync), base.TryMarkProcessedAndWriteAsync(kind, key, owner, data, expectedETag, timeToLive, deliveryId, duplicateWindow, cancellationToken));

    private T Count<T>(string name, T call)
    {
        _calls.Enqueue(name);
        return call;
    }
}
