using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.State;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Rulebook;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Conversations.Tests.Practice;

/// <summary>A broadcast stopped part way (the caller gone, the app stopping) is still recorded, and never posts twice.</summary>
public sealed class PracticeBroadcasterTests
{
    private readonly ManualClock _clock = new();
    private readonly InProcessStateStore _store;

    public PracticeBroadcasterTests() => _store = new InProcessStateStore(_clock);

    [Fact]
    public async Task A_broadcast_stopped_part_way_is_audited_with_what_was_posted_and_its_key_never_posts_again()
    {
        var directory = new PracticeChannelDirectory(_store, _clock);
        var targets = Enumerable.Range(1, 5).Select(i => new PracticeTarget(PracticeTarget.Teams, $"19:group-{i}@thread.v2")).ToList();
        foreach (var target in targets)
        {
            await directory.AddAsync(target);
        }

        using var stop = new CancellationTokenSource();
        var channel = new RecordingChannel { AfterPost = posted => { if (posted == 2) { stop.Cancel(); } } };
        var options = Options.Create(new PracticeOptions());
        var audit = new AuditTrail(_store, _clock, options);
        var broadcaster = new PracticeBroadcaster(
            new PracticeCards(RulebookLoader.LoadShipped(), new PracticeSettings(), options), directory, audit, [channel], _store, _clock,
            NullLogger<PracticeBroadcaster>.Instance);
        var request = new BroadcastRequest(PracticeCards.IfAskedForNotes, null, null, "stopped-part-way");

        var result = await broadcaster.BroadcastAsync(request, "api-key", "api", stop.Token);

        // Two posts went out before the stop; the other three are listed as not posted, and the trail says so.
        Assert.Equal(2, channel.Posts);
        Assert.Equal(BroadcastStatus.Done, result.Status);
        Assert.Equal(2, result.Outcome!.Results.Count(r => r.Posted));
        Assert.Equal(3, result.Outcome.Results.Count(r => r.Error?.StartsWith("cancelled", StringComparison.Ordinal) == true));
        var entry = Assert.Single(await audit.ListAsync(1));
        Assert.Equal("stopped-part-way", entry.IdempotencyKey);
        Assert.Equal(2, entry.Results.Count(r => r.Posted));

        // Asked again with the same key: the recorded outcome, nothing posted again.
        var again = await broadcaster.BroadcastAsync(request, "api-key", "api", CancellationToken.None);
        Assert.Equal(BroadcastStatus.Done, again.Status);
        Assert.True(again.Outcome!.Replayed);
        Assert.Equal(2, channel.Posts);
    }

    private sealed class RecordingChannel : IPracticeChannel
    {
        public string ChannelId => PracticeTarget.Teams;

        public int Posts { get; private set; }

        public Action<int>? AfterPost { get; init; }

        public Task<PracticePostResult> PostAsync(PracticeTarget target, TextReply card, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Posts++;
            AfterPost?.Invoke(Posts);
            return Task.FromResult(PracticePostResult.Ok(target));
        }
    }
}
