using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Tests.Shared;

/// <summary>
/// A test store that hands every call to a real one, for decorators that change one or two calls (count them, fail
/// them, hold them). Every member is forwarded, the store's own one-commit and mark-and-read paths included, so a
/// decorator cannot silently send the engine down the interface's defaults instead of the real store's.
/// </summary>
public abstract class DelegatingStateStore(IStateStore inner) : IStateStore
{
    protected IStateStore Inner { get; } = inner;

    public virtual bool MarksWithWrite => Inner.MarksWithWrite;

    public virtual Task<StoredState?> ReadAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default) =>
        Inner.ReadAsync(kind, key, cancellationToken);

    public virtual Task<string?> TryWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        Inner.TryWriteAsync(kind, key, owner, data, expectedETag, timeToLive, cancellationToken);

    public virtual Task DeleteAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default) =>
        Inner.DeleteAsync(kind, key, cancellationToken);

    public virtual Task<int> DeleteOwnedAsync(RecordKind kind, string channelId, string owner, CancellationToken cancellationToken = default) =>
        Inner.DeleteOwnedAsync(kind, channelId, owner, cancellationToken);

    public virtual Task<bool> TryMarkProcessedAsync(string channelId, string conversationId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        Inner.TryMarkProcessedAsync(channelId, conversationId, deliveryId, timeToLive, cancellationToken);

    public virtual Task<FirstDelivery> TryMarkProcessedAndReadAsync(RecordKind kind, StateKey key, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default) =>
        Inner.TryMarkProcessedAndReadAsync(kind, key, deliveryId, duplicateWindow, cancellationToken);

    public virtual Task<MarkedWrite> TryMarkProcessedAndWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default) =>
        Inner.TryMarkProcessedAndWriteAsync(kind, key, owner, data, expectedETag, timeToLive, deliveryId, duplicateWindow, cancellationToken);

    public virtual Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => Inner.PurgeExpiredAsync(cancellationToken);

    public virtual Task<bool> IsReachableAsync(CancellationToken cancellationToken = default) => Inner.IsReachableAsync(cancellationToken);
}
