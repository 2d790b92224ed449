using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.State;
using NotesGuard.Conversations.Tests.Infrastructure;
using NotesGuard.Guidance;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Conversations.Tests.Practice;

/// <summary>Sharing a case when the channel cannot say whether the sharer is a member: nothing is shared.</summary>
public sealed class PracticeCaseSharingTests : IDisposable
{
    private const string Principal = "msteams:0b7c1d2e-2222-4c55-9c1e-2b7d3f4a5e61";
    private static readonly Advisor Advisor = Advisor.Create(new PracticeSettings());
    private readonly string _folder = Directory.CreateTempSubdirectory("notesguard-share-").FullName;
    private readonly ManualClock _clock = new();

    [Fact]
    public async Task A_membership_check_that_fails_counts_as_not_a_member_and_nothing_is_posted()
    {
        using var store = new SqliteStateStore(Path.Combine(_folder, "state.db"), _clock);
        var channel = new UnsureChannel();
        var (sharing, turn, group) = await FinishedCaseAsync(store, channel);

        var listed = await sharing.HandleAsync(turn with { TurnId = "t2" }, ["share", "case-1"], default);
        var forced = await sharing.HandleAsync(turn with { TurnId = "t3" }, ["shareconfirm", "case-1", group.Id, Guid.NewGuid().ToString("N")], default);

        Assert.Empty(listed.Buttons);
        Assert.Equal(PracticeCaseSharing.NotAMember, forced.Text);
        Assert.Equal(0, channel.Posts);
        Assert.Equal(2, channel.Checks);
    }

    [Fact]
    public async Task A_shared_card_can_be_deleted_even_when_the_audit_write_after_posting_it_failed()
    {
        using var sqlite = new SqliteStateStore(Path.Combine(_folder, "state.db"), _clock);
        var store = new AuditOutage(sqlite);
        var channel = new MemberChannel();
        var (sharing, turn, group) = await FinishedCaseAsync(store, channel);
        var nonce = Guid.NewGuid().ToString("N");

        // The card goes out, then the audit trail cannot be written: the person is told the turn failed.
        store.Down = true;
        await Assert.ThrowsAsync<IOException>(() => sharing.HandleAsync(turn with { TurnId = "t2" }, ["shareconfirm", "case-1", group.Id, nonce], default));
        store.Down = false;
        Assert.Equal(1, channel.Posts);

        // The card in the group can still be deleted through NotesGuard (it used to "no longer know" it).
        var deleted = await sharing.HandleAsync(turn with { TurnId = "t3" }, ["unshare", nonce], default);
        Assert.StartsWith("The shared card was deleted", deleted.Text, StringComparison.Ordinal);
        Assert.Equal(["activity-1"], channel.Deleted);
    }

    [Fact]
    public async Task A_day_whose_audit_trail_is_full_shares_nothing_and_says_why()
    {
        using var store = new SqliteStateStore(Path.Combine(_folder, "state.db"), _clock);
        var audit = new AuditTrail(store, _clock, Options.Create(new PracticeOptions())) { MaxEntriesPerDay = 1 };
        await audit.AppendAsync(new AuditEntry(_clock.GetUtcNow(), "api-key", "api", "broadcast", PracticeCards.IfAskedForNotes, "2026.3", "earlier", []));
        var channel = new MemberChannel();
        var (sharing, turn, group) = await FinishedCaseAsync(store, channel, audit);

        var refused = await sharing.HandleAsync(turn with { TurnId = "t2" }, ["shareconfirm", "case-1", group.Id, Guid.NewGuid().ToString("N")], default);

        Assert.Equal(AuditTrail.SharesFullText, refused.Text);
        Assert.Equal(0, channel.Posts);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Alex's finished walkthrough (case-1) in the store, one listed group, and the sharing over that channel.</summary>
    private async Task<(PracticeCaseSharing Sharing, Turn Turn, PracticeTarget Group)> FinishedCaseAsync(IStateStore store, IPracticeShareChannel channel, AuditTrail? audit = null)
    {
        var directory = new PracticeChannelDirectory(store, _clock);
        var group = new PracticeTarget(PracticeTarget.Teams, "19:group@thread.v2");
        await directory.AddAsync(group);
        var turn = new Turn("msteams", "a:alex", "29:alex", "t1", ConversationScope.Personal) { PrincipalId = Principal };
        var walkthrough = Advisor.Walkthroughs().First();
        var state = new WalkthroughState { CaseId = "case-1", Answers = [.. walkthrough.Answers.Select(a => new GivenAnswer(a.Key, a.Value))] };
        await store.TryWriteAsync(turn.StateKey, WalkthroughStateSerializer.Serialize(state), null, TimeSpan.FromHours(1));
        var sharing = new PracticeCaseSharing(
            Advisor, new PracticeSettings(), directory, audit ?? new AuditTrail(store, _clock, Options.Create(new PracticeOptions())), [channel], store, _clock,
            NullLogger<PracticeCaseSharing>.Instance);
        return (sharing, turn, group);
    }

    [Fact]
    public async Task Pressing_delete_again_and_again_when_it_fails_cannot_fill_the_days_audit_trail()
    {
        // NotesGuard was removed from the group after the share, so every "Delete the shared card" fails.
        using var store = new SqliteStateStore(Path.Combine(_folder, "state.db"), _clock);
        var audit = new AuditTrail(store, _clock, Options.Create(new PracticeOptions())) { MaxEntriesPerDay = 100, MaxSharesPerSharerPerDay = 5 };
        var channel = new MemberChannel();
        var (sharing, turn, group) = await FinishedCaseAsync(store, channel, audit);
        var nonce = Guid.NewGuid().ToString("N");
        await sharing.HandleAsync(turn with { TurnId = "t2" }, ["shareconfirm", "case-1", group.Id, nonce], default);
        channel.DeleteError = "no_reference";

        for (var i = 0; i < 20; i++)
        {
            var failed = await sharing.HandleAsync(turn with { TurnId = $"u{i}" }, ["unshare", nonce], default);
            Assert.Contains("could not be deleted (no_reference)", failed.Text, StringComparison.Ordinal);
        }

        // The share and four failed deletions: the person's five for the day; the rest were not recorded.
        Assert.Equal(5, (await audit.ListAsync(1)).Count);
        Assert.True(await audit.HasRoomTodayAsync());
    }

    private sealed class MemberChannel : IPracticeShareChannel
    {
        public int Posts { get; private set; }

        public List<string> Deleted { get; } = [];

        public string? DeleteError { get; set; }

        public string ChannelId => PracticeTarget.Teams;

        public Task<bool> IsMemberAsync(PracticeTarget target, Turn sharer, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<SharePost> PostAsync(PracticeTarget target, Reply card, CancellationToken cancellationToken)
        {
            Posts++;
            return Task.FromResult(new SharePost("activity-1", null));
        }

        public Task<string?> DeleteAsync(PracticeTarget target, string messageId, CancellationToken cancellationToken)
        {
            Deleted.Add(messageId);
            return Task.FromResult(DeleteError);
        }
    }

    /// <summary>The audit trail's writes fail while <see cref="Down"/>; every other record is written as usual.</summary>
    private sealed class AuditOutage(IStateStore inner) : DelegatingStateStore(inner)
    {
        public bool Down { get; set; }

        public override Task<string?> TryWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
            Down && kind == RecordKind.AuditTrail
                ? throw new IOException("the audit trail's store is unreachable")
                : base.TryWriteAsync(kind, key, owner, data, expectedETag, timeToLive, cancellationToken);
    }

    private sealed class UnsureChannel : IPracticeShareChannel
    {
        public int Posts { get; private set; }

        public int Checks { get; private set; }

        public string ChannelId => PracticeTarget.Teams;

        public Task<bool> IsMemberAsync(PracticeTarget target, Turn sharer, CancellationToken cancellationToken)
        {
            Checks++;
            throw new HttpRequestException("the connector did not answer");
        }

        public Task<SharePost> PostAsync(PracticeTarget target, Reply card, CancellationToken cancellationToken)
        {
            Posts++;
            return Task.FromResult(new SharePost("activity-1", null));
        }

        public Task<string?> DeleteAsync(PracticeTarget target, string messageId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }
}
