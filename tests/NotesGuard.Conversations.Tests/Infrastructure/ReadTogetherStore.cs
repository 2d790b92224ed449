using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Conversations.Tests.Infrastructure;

/// <summary>
/// The real store, except that once <see cref="Arm"/> is called the next <c>parties</c> reads wait for each other: every turn then reads the
/// same version before any of them writes, which is exactly the race the ETag loop must survive.
/// </summary>
internal sealed class ReadTogetherStore(IStateStore inner, int parties) : DelegatingStateStore(inner)
{
    private readonly TaskCompletionSource _allRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reads;
    private volatile bool _armed;

    public void Arm() => _armed = true;

    public override async Task<StoredState?> ReadAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default)
    {
        var result = await Inner.ReadAsync(kind, key, cancellationToken);
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

    /// <summary>The mark, then the read above: on a store that marks with its first read (Blob storage) that read is held too.</summary>
    public override async Task<FirstDelivery> TryMarkProcessedAndReadAsync(RecordKind kind, StateKey key, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default) =>
        await Inner.TryMarkProcessedAsync(key.ChannelId, key.ConversationId, deliveryId, duplicateWindow, cancellationToken)
            ? new FirstDelivery(true, await ReadAsync(kind, key, cancellationToken))
            : new FirstDelivery(false, null);
}
