using System.Collections.Concurrent;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Tests.Shared;

/// <summary>
/// A state store in memory with the interface's contract (ETags, expiry on read, processed ids), so the
/// channel-only tests (Slack, Teams) need no database.
/// </summary>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly ConcurrentDictionary<StateKey, StoredState> _records = new();
    private readonly ConcurrentDictionary<(string, string), DateTimeOffset> _processed = new();
    private readonly Lock _lock = new();

    public IReadOnlyDictionary<StateKey, StoredState> Records => _records;

    public Task<StoredState?> ReadAsync(StateKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.TryGetValue(key, out var s) && s.ExpiresAt > DateTimeOffset.UtcNow ? s : null);

    public Task<string?> TryWriteAsync(StateKey key, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _records.TryGetValue(key, out var current);
            if (current?.ETag != expectedETag)
            {
                return Task.FromResult<string?>(null);
            }

            var etag = Guid.NewGuid().ToString("N");
            _records[key] = new StoredState(data, etag, DateTimeOffset.UtcNow + timeToLive);
            return Task.FromResult<string?>(etag);
        }
    }

    public Task DeleteAsync(StateKey key, CancellationToken cancellationToken = default)
    {
        _records.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task<int> DeleteUserAsync(string channelId, string userId, CancellationToken cancellationToken = default)
    {
        var keys = _records.Keys.Where(k => k.ChannelId == channelId && k.UserId == userId).ToList();
        foreach (var key in keys)
        {
            _records.TryRemove(key, out _);
        }

        return Task.FromResult(keys.Count);
    }

    public Task<bool> TryMarkProcessedAsync(string channelId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        Task.FromResult(_processed.TryAdd((channelId, deliveryId), DateTimeOffset.UtcNow + timeToLive));

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
}
