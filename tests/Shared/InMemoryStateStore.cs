using System.Collections.Concurrent;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Tests.Shared;

/// <summary>
/// A state store in memory with the interface's contract (record kinds kept apart, ETags, owners, expiry on read,
/// processed ids per conversation), so the channel-only tests (Slack, Teams) need no database.
/// </summary>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly ConcurrentDictionary<(RecordKind Kind, StateKey Key), (StoredState State, string Owner)> _records = new();
    private readonly ConcurrentDictionary<(string, string, string), DateTimeOffset> _processed = new();
    private readonly Lock _lock = new();

    /// <summary>Every record of every kind, for tests that look at what was stored.</summary>
    public IReadOnlyDictionary<(RecordKind Kind, StateKey Key), StoredState> Records =>
        _records.ToDictionary(r => r.Key, r => r.Value.State);

    public Task<StoredState?> ReadAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.TryGetValue((kind, key), out var s) && s.State.ExpiresAt > DateTimeOffset.UtcNow ? s.State : null);

    public Task<string?> TryWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var current = _records.TryGetValue((kind, key), out var s) && s.State.ExpiresAt > DateTimeOffset.UtcNow ? s.State : null;
            if (current?.ETag != expectedETag)
            {
                return Task.FromResult<string?>(null);
            }

            var etag = Guid.NewGuid().ToString("N");
            _records[(kind, key)] = (new StoredState(data, etag, DateTimeOffset.UtcNow + timeToLive), owner);
            return Task.FromResult<string?>(etag);
        }
    }

    public Task DeleteAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default)
    {
        _records.TryRemove((kind, key), out _);
        return Task.CompletedTask;
    }

    public Task<int> DeleteOwnedAsync(RecordKind kind, string channelId, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var keys = _records.Where(r => r.Key.Kind == kind && r.Key.Key.ChannelId == channelId && r.Value.Owner == owner).Select(r => r.Key).ToList();
        foreach (var key in keys)
        {
            _records.TryRemove(key, out _);
        }

        return Task.FromResult(keys.Count);
    }

    public Task<bool> TryMarkProcessedAsync(string channelId, string conversationId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        Task.FromResult(_processed.TryAdd((channelId, conversationId, deliveryId), DateTimeOffset.UtcNow + timeToLive));

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
}
