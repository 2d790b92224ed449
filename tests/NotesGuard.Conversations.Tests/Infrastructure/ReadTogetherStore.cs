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

    public async Task<StoredState?> ReadAsync(StateKey key, CancellationToken cancellationToken = default)
    {
        var result = await inner.ReadAsync(key, cancellationToken);
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

    public Task<string?> TryWriteAsync(StateKey key, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        inner.TryWriteAsync(key, data, expectedETag, timeToLive, cancellationToken);

    public Task DeleteAsync(StateKey key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    public Task<int> DeleteUserAsync(string channelId, string userId, CancellationToken cancellationToken = default) =>
        inner.DeleteUserAsync(channelId, userId, cancellationToken);

    public Task<bool> TryMarkProcessedAsync(string channelId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        inner.TryMarkProcessedAsync(channelId, deliveryId, timeToLive, cancellationToken);

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => inner.PurgeExpiredAsync(cancellationToken);

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken = default) => inner.IsReachableAsync(cancellationToken);
}
