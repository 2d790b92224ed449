using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Telemetry;

namespace NotesGuard.Slack.Work;

/// <summary>
/// The bounded queue between the ack and the work. Enqueueing never waits, so the ack is always fast; when the
/// queue is full the caller tells the user to retry. The queue is split into one lane per worker, and all work of
/// one person's walkthrough goes to the same lane, so their replies are posted in the order they acted.
/// Each person may hold only Slack:MaxQueuedPerPerson items (waiting or running) at once, so one person sending
/// fast cannot fill a lane that others share. Busy notices have a small queue of their own so that an overload can
/// still be explained, at most one waiting per person, dropping the oldest notice if even that fills.
/// </summary>
public sealed class SlackWorkQueue
{
    private readonly Channel<SlackWork>[] _lanes;
    private readonly Channel<BusyNoticeWork> _notices;
    private readonly int _maxPerPerson;
    private readonly ConcurrentDictionary<string, int> _queuedPerPerson = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _pendingNotices = new(StringComparer.Ordinal);
    private readonly Lock _idleGate = new();
    private int _unfinished;
    private TaskCompletionSource? _idle;

    public SlackWorkQueue(IOptions<SlackOptions> options)
    {
        var workers = options.Value.Workers;
        var perLane = Math.Max(1, options.Value.QueueCapacity / workers);
        _maxPerPerson = options.Value.MaxQueuedPerPerson;
        _lanes = [.. Enumerable.Range(0, workers).Select(_ => Channel.CreateBounded<SlackWork>(new BoundedChannelOptions(perLane)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = false,
            SingleReader = true,
        }))];
        _notices = Channel.CreateBounded<BusyNoticeWork>(
            new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest },
            dropped =>
            {
                _pendingNotices.TryRemove(dropped.PersonKey, out _);
                Finished();
            });
    }

    internal int LaneCount => _lanes.Length;

    internal ChannelReader<SlackWork> Lane(int index) => _lanes[index].Reader;

    internal ChannelReader<BusyNoticeWork> Notices => _notices.Reader;

    /// <summary>
    /// False when the person already has their share queued or the lane is full: the request is not lost silently,
    /// the caller answers "busy".
    /// </summary>
    public bool TryEnqueue(SlackWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var person = work.PersonKey;
        // A workspace's own events share one key (no person): a burst of channel joins must not use up a share
        // meant for one person's typing and drop the rest. Only the lane's room bounds them.
        var counted = !work.ForWholeWorkspace;
        if (counted && _queuedPerPerson.AddOrUpdate(person, 1, (_, count) => count + 1) > _maxPerPerson)
        {
            Release(person);
            return false;
        }

        var lane = (int)((uint)StringComparer.Ordinal.GetHashCode(work.OrderKey) % (uint)_lanes.Length);
        Started();
        if (_lanes[lane].Writer.TryWrite(work))
        {
            NotesGuardTelemetry.SlackQueued();
            return true;
        }

        Finished();
        if (counted)
        {
            Release(person);
        }

        return false;
    }

    /// <summary>A worker has finished an item: it no longer counts against its person's share.</summary>
    internal void Done(SlackWork work)
    {
        Finished();
        if (work is BusyNoticeWork notice)
        {
            _pendingNotices.TryRemove(notice.PersonKey, out _);
            return;
        }

        if (!work.ForWholeWorkspace)
        {
            Release(work.PersonKey);
        }
    }

    /// <summary>Queues a notice unless the same person already has one waiting (one "busy" says it all).</summary>
    public void EnqueueBusyNotice(BusyNoticeWork notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (!_pendingNotices.TryAdd(notice.PersonKey, 0))
        {
            return;
        }

        Started();
        if (!_notices.Writer.TryWrite(notice))
        {
            _pendingNotices.TryRemove(notice.PersonKey, out _);
            Finished();
        }
    }

    /// <summary>
    /// Completes once nothing is queued or running. Work is queued before Slack is acknowledged, so a test that awaits
    /// this after its request knows the request's work is done (or was never queued): "nothing happened" is then a
    /// fact, not a hope that a sleep was long enough.
    /// </summary>
    internal Task WhenIdleAsync()
    {
        lock (_idleGate)
        {
            return _unfinished == 0 ? Task.CompletedTask : (_idle ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    private void Started()
    {
        lock (_idleGate)
        {
            _unfinished++;
        }
    }

    private void Finished()
    {
        TaskCompletionSource? idle = null;
        lock (_idleGate)
        {
            if (--_unfinished == 0)
            {
                (idle, _idle) = (_idle, null);
            }
        }

        idle?.TrySetResult();
    }

    private void Release(string person)
    {
        if (_queuedPerPerson.AddOrUpdate(person, 0, (_, count) => count - 1) <= 0)
        {
            // Only removes the entry if nobody queued in between (the value is still 0).
            _queuedPerPerson.TryRemove(new KeyValuePair<string, int>(person, 0));
        }
    }

    /// <summary>Accepts nothing more; the workers finish what is queued and then stop.</summary>
    public void Complete()
    {
        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        _notices.Writer.TryComplete();
    }
}
