using NotesGuard.Conversations.Engine;

namespace NotesGuard.Conversations.State;

/// <summary>
/// The records of one process, in memory, with the store contract (kinds kept apart, ETags, owners, expiry, delivery
/// ids): for a single person's walkthrough at a terminal (<c>notesguard ask</c>), where nothing should outlive the
/// process or touch a disk. Not for the bot host, whose walkthroughs must survive a restart and be shared by instances.
/// </summary>
public sealed class InProcessStateStore(TimeProvider? clock = null) : IStateStore
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Dictionary<(RecordKind Kind, StateKey Key), (StoredState State, string Owner)> _records = [];
    private readonly Dictionary<(string Channel, string Conversation, string Delivery), DateTimeOffset> _processed = [];
    private readonly Lock _lock = new();
    private long _version;

    public Task<StoredState?> ReadAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(Current(kind, key));
        }
    }

    public Task<string?> TryWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_lock)
        {
            if (Current(kind, key)?.ETag != expectedETag)
            {
                return Task.FromResult<string?>(null);
            }

            var etag = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _records[(kind, key)] = (new StoredState([.. data], etag, _clock.GetUtcNow() + timeToLive), owner);
            return Task.FromResult<string?>(etag);
        }
    }

    public Task DeleteAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _records.Remove((kind, key));
        }

        return Task.CompletedTask;
    }

    public Task<int> DeleteOwnedAsync(RecordKind kind, string channelId, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        lock (_lock)
        {
            var keys = _records.Where(r => r.Key.Kind == kind && r.Key.Key.ChannelId == channelId && r.Value.Owner == owner).Select(r => r.Key).ToList();
            keys.ForEach(k => _records.Remove(k));
            return Task.FromResult(keys.Count);
        }
    }

    public Task<bool> TryMarkProcessedAsync(string channelId, string conversationId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            if (_processed.TryGetValue((channelId, conversationId, deliveryId), out var until) && until > now)
            {
                return Task.FromResult(false);
            }

            _processed[(channelId, conversationId, deliveryId)] = now + timeToLive;
            return Task.FromResult(true);
        }
    }

    public bool MarksWithWrite => true;

    public Task<MarkedWrite> TryMarkProcessedAndWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            var delivery = (key.ChannelId, key.ConversationId, deliveryId);
            if (_processed.TryGetValue(delivery, out var until) && until > now)
            {
                return Task.FromResult(MarkedWrite.Duplicate);
            }

            if (Current(kind, key)?.ETag != expectedETag)
            {
                // Refused: the delivery id is not recorded either, as in one transaction rolled back.
                return Task.FromResult(new MarkedWrite(true, false, null));
            }

            _processed[delivery] = now + duplicateWindow;
            var etag = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _records[(kind, key)] = (new StoredState([.. data], etag, now + timeToLive), owner);
            return Task.FromResult(new MarkedWrite(true, true, etag));
        }
    }

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            var expired = _records.Where(r => r.Value.State.ExpiresAt <= now).Select(r => r.Key).ToList();
            expired.ForEach(k => _records.Remove(k));
            var deliveries = _processed.Where(p => p.Value <= now).Select(p => p.Key).ToList();
            deliveries.ForEach(d => _processed.Remove(d));
            return Task.FromResult(expired.Count + deliveries.Count);
        }
    }

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    private StoredState? Current(RecordKind kind, StateKey key) =>
        _records.TryGetValue((kind, key), out var record) && record.State.ExpiresAt > _clock.GetUtcNow() ? record.State : null;
}
