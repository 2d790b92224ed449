using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.State;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Rulebook;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Conversations.Tests.Practice;

/// <summary>
/// A broadcast stopped part way (the caller gone, the app stopping) is still recorded, a long one keeps its key, and
/// none posts twice; a day whose audit trail is full posts nothing.
/// </summary>
public sealed class PracticeBroadcasterTests
{
    private static readonly BroadcastRequest Request = new(PracticeCards.IfAskedForNotes, null, null, "the-key");

    private readonly ManualClock _clock = new();
    private readonly InProcessStateStore _store;
    private readonly AuditTrail _audit;

    public PracticeBroadcasterTests()
    {
        _store = new InProcessStateStore(_clock);
        _audit = new AuditTrail(_store, _clock, Options.Create(new PracticeOptions())) { MaxEntriesPerDay = 3 };
    }

    [Fact]
    public async Task A_broadcast_stopped_part_way_is_audited_with_what_was_posted_and_its_key_never_posts_again()
    {
        using var stop = new CancellationTokenSource();
        var channel = new RecordingChannel { AfterPost = posted => { if (posted == 2) { stop.Cancel(); } return Task.CompletedTask; } };
        var broadcaster = await BroadcasterAsync(channel);

        var result = await broadcaster.BroadcastAsync(Request, "api-key", "api", stop.Token);

        // Two posts went out before the stop; the other three are listed as not posted, and the trail says so.
        Assert.Equal(2, channel.Posts);
        Assert.Equal(BroadcastStatus.Done, result.Status);
        Assert.Equal(2, result.Outcome!.Results.Count(r => r.Posted));
        Assert.Equal(3, result.Outcome.Results.Count(r => r.Error?.StartsWith("cancelled", StringComparison.Ordinal) == true));
        var entry = Assert.Single(await _audit.ListAsync(1));
        Assert.Equal("the-key", entry.IdempotencyKey);
        Assert.Equal(2, entry.Results.Count(r => r.Posted));

        // Asked again with the same key: the recorded outcome, nothing posted again.
        var again = await broadcaster.BroadcastAsync(Request, "api-key", "api", CancellationToken.None);
        Assert.True(again.Outcome!.Replayed);
        Assert.Equal(2, channel.Posts);
    }

    [Fact]
    public async Task A_post_that_fails_some_other_way_while_the_broadcast_stops_is_recorded_not_thrown()
    {
        using var stop = new CancellationTokenSource();
        var channel = new RecordingChannel { FailWhen = posted => posted == 2 ? stop : null };
        var broadcaster = await BroadcasterAsync(channel);

        var result = await broadcaster.BroadcastAsync(Request, "api-key", "api", stop.Token);

        Assert.Equal(1, result.Outcome!.Results.Count(r => r.Posted));
        Assert.Contains("may or may not have gone out", result.Outcome.Results[1].Error, StringComparison.Ordinal);
        Assert.Single(await _audit.ListAsync(1));
    }

    [Fact]
    public async Task A_broadcast_longer_than_the_claim_keeps_its_key_so_a_retry_meanwhile_or_after_posts_nothing()
    {
        PracticeBroadcaster? broadcaster = null;
        BroadcastResult? meanwhile = null;
        // Each post takes five minutes (a throttled channel): the five take 25, longer than the 15-minute claim.
        var channel = new RecordingChannel
        {
            AfterPost = async posted =>
            {
                _clock.Advance(TimeSpan.FromMinutes(5));
                if (posted == 4)
                {
                    meanwhile = await broadcaster!.BroadcastAsync(Request, "api-key", "api", CancellationToken.None);
                }
            },
        };
        broadcaster = await BroadcasterAsync(channel);

        var result = await broadcaster.BroadcastAsync(Request, "api-key", "api", CancellationToken.None);

        Assert.Equal(5, result.Outcome!.Results.Count(r => r.Posted));
        Assert.Equal(BroadcastStatus.InProgress, meanwhile!.Status);
        var after = await broadcaster.BroadcastAsync(Request, "api-key", "api", CancellationToken.None);
        Assert.True(after.Outcome!.Replayed);
        Assert.Equal(5, channel.Posts);
    }

    [Fact]
    public async Task A_claim_renewal_whose_answer_is_lost_does_not_stop_the_broadcast_or_lose_its_outcome()
    {
        // The store takes the renewal but its answer never arrives (a retried upload, a connection dropped after the
        // commit): read back, the record is still this broadcast's, so it goes on and keeps its outcome.
        var lossy = new LostAnswerStore(_store);
        var channel = new RecordingChannel { AfterPost = _ => { _clock.Advance(TimeSpan.FromMinutes(2)); return Task.CompletedTask; } };
        var broadcaster = await BroadcasterAsync(channel, lossy);
        lossy.LoseNextReceiptAnswer = true;

        var result = await broadcaster.BroadcastAsync(Request, "api-key", "api", CancellationToken.None);

        Assert.False(lossy.LoseNextReceiptAnswer);
        Assert.Equal(5, result.Outcome!.Results.Count(r => r.Posted));
        _clock.Advance(TimeSpan.FromHours(1)); // long past the pending claim's lapse
        var again = await broadcaster.BroadcastAsync(Request, "api-key", "api", CancellationToken.None);
        Assert.True(again.Outcome!.Replayed);
        Assert.Equal(5, channel.Posts);
    }

    [Fact]
    public async Task A_used_key_is_answered_with_its_outcome_even_when_the_audit_trail_is_full()
    {
        var channel = new RecordingChannel();
        var broadcaster = await BroadcasterAsync(channel);
        await broadcaster.BroadcastAsync(Request, "api-key", "api", CancellationToken.None);
        for (var i = 0; i < 2; i++)
        {
            await _audit.AppendAsync(new AuditEntry(_clock.GetUtcNow(), "api-key", "api", "broadcast", PracticeCards.IfAskedForNotes, "2026.3", $"later-{i}", []));
        }

        var again = await broadcaster.BroadcastAsync(Request, "api-key", "api", CancellationToken.None);

        Assert.Equal(BroadcastStatus.Done, again.Status);
        Assert.True(again.Outcome!.Replayed);
        Assert.Equal(5, channel.Posts);
    }

    [Fact]
    public async Task A_day_whose_audit_trail_is_full_posts_nothing_and_says_why()
    {
        var channel = new RecordingChannel();
        var broadcaster = await BroadcasterAsync(channel);
        for (var i = 0; i < 3; i++)
        {
            await _audit.AppendAsync(new AuditEntry(_clock.GetUtcNow(), "api-key", "api", "broadcast", PracticeCards.IfAskedForNotes, "2026.3", $"earlier-{i}", []));
        }

        var result = await broadcaster.BroadcastAsync(Request, "api-key", "api", CancellationToken.None);

        Assert.Equal(BroadcastStatus.AuditFull, result.Status);
        Assert.Equal(0, channel.Posts);
        Assert.Contains("nothing was done", result.Problem, StringComparison.Ordinal);

        // The key was left free: with room again (the next day), it posts.
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(BroadcastStatus.Done, (await broadcaster.BroadcastAsync(Request, "api-key", "api", CancellationToken.None)).Status);
        Assert.Equal(5, channel.Posts);
    }

    /// <summary>Five listed Teams groups, and a broadcaster posting to them through <paramref name="channel"/>.</summary>
    private async Task<PracticeBroadcaster> BroadcasterAsync(RecordingChannel channel, IStateStore? store = null)
    {
        store ??= _store;
        var directory = new PracticeChannelDirectory(store, _clock);
        for (var i = 1; i <= 5; i++)
        {
            await directory.AddAsync(new PracticeTarget(PracticeTarget.Teams, $"19:group-{i}@thread.v2"));
        }

        var options = Options.Create(new PracticeOptions());
        return new PracticeBroadcaster(
            new PracticeCards(RulebookLoader.LoadShipped(), new PracticeSettings(), options), directory, _audit, [channel], store, _clock,
            NullLogger<PracticeBroadcaster>.Instance);
    }

    /// <summary>The real store; once asked, an update of a broadcast's record is made but its answer is lost.</summary>
    private sealed class LostAnswerStore(IStateStore inner) : DelegatingStateStore(inner)
    {
        public bool LoseNextReceiptAnswer { get; set; }

        public override async Task<string?> TryWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default)
        {
            var written = await base.TryWriteAsync(kind, key, owner, data, expectedETag, timeToLive, cancellationToken);
            if (kind == RecordKind.BroadcastReceipt && expectedETag is not null && LoseNextReceiptAnswer)
            {
                LoseNextReceiptAnswer = false;
                throw new IOException("the store's answer was lost");
            }

            return written;
        }
    }

    private sealed class RecordingChannel : IPracticeChannel
    {
        public string ChannelId => PracticeTarget.Teams;

        public int Posts { get; private set; }

        public Func<int, Task>? AfterPost { get; init; }

        /// <summary>For the given post: stop the broadcast, then fail the post with a network error.</summary>
        public Func<int, CancellationTokenSource?>? FailWhen { get; init; }

        public async Task<PracticePostResult> PostAsync(PracticeTarget target, TextReply card, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (FailWhen?.Invoke(Posts + 1) is { } stop)
            {
                await stop.CancelAsync();
                throw new HttpRequestException("the connection was reset while the app stopped");
            }

            Posts++;
            if (AfterPost is not null)
            {
                await AfterPost(Posts);
            }

            return PracticePostResult.Ok(target);
        }
    }
}
