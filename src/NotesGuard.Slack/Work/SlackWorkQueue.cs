using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace NotesGuard.Slack.Work;

/// <summary>
/// The bounded queue between the ack and the work. Enqueueing never waits, so the ack is always fast; when the
/// queue is full the caller tells the user to retry. Busy notices have a small queue of their own so that an
/// overload can still be explained, dropping the oldest notice if even that fills.
/// </summary>
public sealed class SlackWorkQueue
{
    private readonly Channel<SlackWork> _work;
    private readonly Channel<BusyNoticeWork> _notices;

    public SlackWorkQueue(IOptions<SlackOptions> options)
    {
        _work = Channel.CreateBounded<SlackWork>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = false,
            SingleReader = false,
        });
        _notices = Channel.CreateBounded<BusyNoticeWork>(new BoundedChannelOptions(64)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
        });
    }

    internal ChannelReader<SlackWork> Work => _work.Reader;

    internal ChannelReader<BusyNoticeWork> Notices => _notices.Reader;

    /// <summary>False when the queue is full: the request is not lost silently, the caller answers "busy".</summary>
    public bool TryEnqueue(SlackWork work) => _work.Writer.TryWrite(work);

    public void EnqueueBusyNotice(BusyNoticeWork notice) => _notices.Writer.TryWrite(notice);
}
