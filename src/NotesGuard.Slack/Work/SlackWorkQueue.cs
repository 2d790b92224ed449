using System.Threading.Channels;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Telemetry;

namespace NotesGuard.Slack.Work;

/// <summary>
/// The bounded queue between the ack and the work. Enqueueing never waits, so the ack is always fast; when the
/// queue is full the caller tells the user to retry. The queue is split into one lane per worker, and all work of
/// one person's walkthrough goes to the same lane, so their replies are posted in the order they acted.
/// Busy notices have a small queue of their own so that an overload can still be explained, dropping the oldest
/// notice if even that fills.
/// </summary>
public sealed class SlackWorkQueue
{
    private readonly Channel<SlackWork>[] _lanes;
    private readonly Channel<BusyNoticeWork> _notices;

    public SlackWorkQueue(IOptions<SlackOptions> options)
    {
        var workers = options.Value.Workers;
        var perLane = Math.Max(1, options.Value.QueueCapacity / workers);
        _lanes = [.. Enumerable.Range(0, workers).Select(_ => Channel.CreateBounded<SlackWork>(new BoundedChannelOptions(perLane)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = false,
            SingleReader = true,
        }))];
        _notices = Channel.CreateBounded<BusyNoticeWork>(new BoundedChannelOptions(64)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
        });
    }

    internal int LaneCount => _lanes.Length;

    internal ChannelReader<SlackWork> Lane(int index) => _lanes[index].Reader;

    internal ChannelReader<BusyNoticeWork> Notices => _notices.Reader;

    /// <summary>False when the lane is full: the request is not lost silently, the caller answers "busy".</summary>
    public bool TryEnqueue(SlackWork work)
    {
        var lane = (int)((uint)StringComparer.Ordinal.GetHashCode(work.OrderKey) % (uint)_lanes.Length);
        if (!_lanes[lane].Writer.TryWrite(work))
        {
            return false;
        }

        NotesGuardTelemetry.SlackQueued();
        return true;
    }

    public void EnqueueBusyNotice(BusyNoticeWork notice) => _notices.Writer.TryWrite(notice);

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
