using System.Collections.Concurrent;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Teams.Tests.Infrastructure;

/// <summary>An in-memory IStateStore with the real contract (ETags, processed ids), for channel-only tests.</summary>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly ConcurrentDictionary<StateKey, StoredState> _records = new();
    private readonly ConcurrentDictionary<(string, string), DateTimeOffset> _processed = new();
    private int _version;

    public IReadOnlyCollection<StateKey> Keys => [.. _records.Keys];

    public Task<StoredState?> ReadAsync(StateKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.TryGetValue(key, out var state) && state.ExpiresAt > DateTimeOffset.UtcNow ? state : null);

    public Task<string?> TryWriteAsync(StateKey key, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        lock (_records)
        {
            _records.TryGetValue(key, out var current);
            if (current?.ETag != expectedETag)
            {
                return Task.FromResult<string?>(null);
            }

            var etag = $"v{Interlocked.Increment(ref _version)}";
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
        var removed = 0;
        foreach (var key in _records.Keys.Where(k => k.ChannelId == channelId && k.UserId == userId))
        {
            removed += _records.TryRemove(key, out _) ? 1 : 0;
        }

        return Task.FromResult(removed);
    }

    public Task<bool> TryMarkProcessedAsync(string channelId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        Task.FromResult(_processed.TryAdd((channelId, deliveryId), DateTimeOffset.UtcNow + timeToLive));

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
}
