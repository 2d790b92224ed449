using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.State;
using NotesGuard.Conversations.Tests.Infrastructure;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Conversations.Tests.Practice;

/// <summary>Who counts as an admin, and how long the audit trail keeps what it records.</summary>
public sealed class PracticeAdminsAndAuditTests : IDisposable
{
    private const string TeamsAdmin = "msteams:6F0C1C2E-0A8B-4C55-9C1E-2B7D3F4A5E61";
    private readonly string _folder = Directory.CreateTempSubdirectory("notesguard-audit-").FullName;

    [Theory]
    [InlineData("msteams:6f0c1c2e-0a8b-4c55-9c1e-2b7d3f4a5e61", true)]
    [InlineData("slack:T0PRACTICE:U0ADMIN", true)]
    [InlineData("slack:T0PRACTICE:u0admin", false)]
    [InlineData("slack:T0OTHER:U0ADMIN", false)]
    [InlineData("msteams:0b7c1d2e-1111-4c55-9c1e-2b7d3f4a5e61", false)]
    [InlineData(null, false)]
    public void Only_the_principal_the_channel_authenticated_is_matched_against_the_list(string? principal, bool admin)
    {
        var admins = new PracticeAdmins(Options.Create(new PracticeOptions { Admins = [TeamsAdmin, "slack:T0PRACTICE:U0ADMIN"] }));
        // The user id and display name say "admin" too: neither counts.
        var turn = new Turn("slack", "T0PRACTICE:D0", "T0PRACTICE:U0ADMIN", "t1", ConversationScope.Personal, "post guidance", UserDisplayName: "U0ADMIN") { PrincipalId = principal };

        Assert.Equal(admin, admins.IsAdmin(turn));
    }

    [Fact]
    public void The_audit_trail_names_an_admin_by_a_hash_unless_told_otherwise()
    {
        var hashed = new PracticeAdmins(Options.Create(new PracticeOptions()));
        var plain = new PracticeAdmins(Options.Create(new PracticeOptions { AuditIdentities = "Plain" }));

        Assert.Matches("^slack:sha256:[0-9a-f]{16}$", hashed.AuditName("slack:T0PRACTICE:U0ADMIN"));
        Assert.Equal("slack:T0PRACTICE:U0ADMIN", plain.AuditName("slack:T0PRACTICE:U0ADMIN"));
    }

    [Fact]
    public async Task An_entry_is_kept_for_the_retention_and_purged_after_it()
    {
        var clock = new ManualClock();
        using var store = new SqliteStateStore(Path.Combine(_folder, "state.db"), clock);
        var trail = new AuditTrail(store, clock, Options.Create(new PracticeOptions { AuditRetention = TimeSpan.FromDays(3) }));
        await trail.AppendAsync(Entry(clock.GetUtcNow(), "first"));
        await trail.AppendAsync(Entry(clock.GetUtcNow(), "second"));

        clock.Advance(TimeSpan.FromDays(3));
        await store.PurgeExpiredAsync();
        Assert.Equal(["second", "first"], (await trail.ListAsync(10)).Select(e => e.IdempotencyKey));

        clock.Advance(TimeSpan.FromDays(2));
        await store.PurgeExpiredAsync();
        Assert.Empty(await trail.ListAsync(10));
    }

    [Fact]
    public async Task Refusals_anyone_can_cause_cannot_crowd_out_the_practices_own_actions_and_a_full_day_fails_loudly()
    {
        var clock = new ManualClock();
        using var store = new SqliteStateStore(Path.Combine(_folder, "state.db"), clock);
        var trail = new AuditTrail(store, clock, Options.Create(new PracticeOptions())) { MaxEntriesPerDay = 5, MaxRefusalsPerDay = 2, SpareEntries = 1 };
        var refused = new[] { new PracticePostResult("msteams:19:group@thread.v2", false, "refused: not_a_member") };

        // Someone keeps pressing a forged share button: only the first two refusals are recorded.
        for (var i = 0; i < 4; i++)
        {
            await trail.AppendAsync(Entry(clock.GetUtcNow(), $"refusal-{i}") with { Action = "share", Results = refused });
        }

        // The practice's own broadcasts still have their room; then the day says it is full.
        for (var i = 0; i < 3; i++)
        {
            await trail.AppendAsync(Entry(clock.GetUtcNow(), $"broadcast-{i}"));
        }

        Assert.False(await trail.HasRoomTodayAsync());

        // A refusal on a full day is not recorded and not an error; what must still be recorded (a deletion) has the
        // spare room; past that, an entry is an error, not lost.
        await trail.AppendAsync(Entry(clock.GetUtcNow(), "late-refusal") with { Action = "share", Results = refused });
        await trail.AppendAsync(Entry(clock.GetUtcNow(), "unshare") with { Action = "unshare" });
        await Assert.ThrowsAsync<InvalidOperationException>(() => trail.AppendAsync(Entry(clock.GetUtcNow(), "one-too-many")));
        var kept = (await trail.ListAsync(1)).Select(e => e.IdempotencyKey).ToList();
        Assert.Equal(["unshare", "broadcast-2", "broadcast-1", "broadcast-0", "refusal-1", "refusal-0"], kept);
    }

    [Fact]
    public async Task Shares_have_a_room_of_their_own_and_one_person_a_share_of_it_so_no_therapist_can_block_the_practices_broadcasts()
    {
        var clock = new ManualClock();
        using var store = new SqliteStateStore(Path.Combine(_folder, "state.db"), clock);
        var trail = new AuditTrail(store, clock, Options.Create(new PracticeOptions())) { MaxEntriesPerDay = 10, MaxSharesPerDay = 4, MaxSharesPerSharerPerDay = 2 };
        AuditEntry Share(string who, int i) => Entry(clock.GetUtcNow(), $"share-{who}-{i}") with { Action = "share", Who = who };

        // One person shares again and again: two of theirs, then they are refused while someone else may still share.
        await trail.AppendAsync(Share("msteams:sha256:aaaa", 0));
        await trail.AppendAsync(Share("msteams:sha256:aaaa", 1));
        Assert.False(await trail.HasRoomTodayForShareAsync("msteams:sha256:aaaa"));
        Assert.True(await trail.HasRoomTodayForShareAsync("msteams:sha256:bbbb"));

        // The day's shares run out; a broadcast still has its room.
        await trail.AppendAsync(Share("msteams:sha256:bbbb", 0));
        await trail.AppendAsync(Share("msteams:sha256:cccc", 0));
        Assert.False(await trail.HasRoomTodayForShareAsync("msteams:sha256:dddd"));
        Assert.True(await trail.HasRoomTodayAsync());

        // Tomorrow is a new day.
        clock.Advance(TimeSpan.FromDays(1));
        Assert.True(await trail.HasRoomTodayForShareAsync("msteams:sha256:aaaa"));
    }

    private static AuditEntry Entry(DateTimeOffset at, string key) =>
        new(at, "api-key", "api", "broadcast", PracticeCards.IfAskedForNotes, "2026.2", key, [new PracticePostResult("slack:T0P:C0A", true)]);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
