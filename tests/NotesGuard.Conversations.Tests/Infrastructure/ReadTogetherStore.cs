using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Conversations.Tests.Infrastructure;

/// <summary>
/// The real store, except that once <see cref="Arm"/> is called the next <c>parties</c> reads wait for each other: every turn then reads the
/// same version before any of them writes, which is exactly the race the ETag loop must survive.
/// </summary>
internal sealed class ReadTogetherStore(IStateStore inner, int parties) : IStateStore
{
    private readonly TaskCompletionSource _allRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reads;
    private volatile bool _armed;

    public void Arm() => _armed = true;

    public async Task<StoredState?> ReadAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default)
    {
        var result = await inner.ReadAsync(kind, key, cancellationToken);
        if (!_armed)
        {
            return result;
        }

        var n = Interlocked.Increment(ref _reads);
        if (n == parties)
        {
            _allRead.SetResult();
        }

        if (n <= parties)
        {
            await _allRead.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        return result;
    }

    public Task<string?> TryWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        inner.TryWriteAsync(kind, key, owner, data, expectedETag, timeToLive, cancellationToken);

    public Task DeleteAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default) => inner.DeleteAsync(kind, key, cancellationToken);

    public Task<int> DeleteOwnedAsync(RecordKind kind, string channelId, string owner, CancellationToken cancellationToken = default) =>
        inner.DeleteOwnedAsync(kind, channelId, owner, cancellationToken);

    public Task<bool> TryMarkProcessedAsync(string channelId, string conversationId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        inner.TryMarkProcessedAsync(channelId, conversationId, deliveryId, timeToLive, cancellationToken);

    public bool MarksWithWrite => inner.MarksWithWrite;

    public Task<MarkedWrite> TryMarkProcessedAndWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default) =>
        inner.TryMarkProcessedAndWriteAsync(kind, key, owner, data, expectedETag, timeToLive, deliveryId, duplicateWindow, cancellationToken);

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => inner.PurgeExpiredAsync(cancellationToken);

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken = default) => inner.IsReachableAsync(cancellationToken);
}
