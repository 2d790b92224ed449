using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.State;

using NotesGuard.Tests.Shared;

namespace NotesGuard.Bot.Tests.Practice;

/// <summary>
/// The practice commands (post guidance, audit, share) read and write their own kinds of record. When the store
/// cannot be reached for those, the admin is asked politely to try again — in Teams and in Slack, never a 5xx or
/// silence — nothing is posted, and once the store is back the audit trail still holds what it held before.
/// </summary>
public sealed class PracticeStoreOutageTests
{
    // What StoreFailureReplies answers (ConversationText.StoreUnavailable, internal to the engine).
    private const string TryAgain = "couldn't save that just now";

    [Fact]
    public async Task An_admin_gets_the_polite_store_reply_during_an_outage_of_the_practice_records_and_nothing_is_lost()
    {
        var outage = new PracticeRecordsOutage();
        await using var practice = await PracticeFixture.StartAsync(configure: builder =>
            // Registered before the app's own store (which is only added when none is), so every store call goes through it.
            builder.Services.AddSingleton<IStateStore>(sp => outage.Wrap(StateStores.FromOptions(
                sp.GetRequiredService<IOptions<StorageOptions>>().Value,
                sp.GetRequiredService<IHostEnvironment>().ContentRootPath,
                sp.GetRequiredService<TimeProvider>()))));
        using (var broadcast = await practice.BroadcastAsync(new JsonObject { ["card"] = "if-asked-for-notes", ["idempotencyKey"] = "before-outage" }))
        {
            broadcast.EnsureSuccessStatusCode();
        }

        var postsBefore = practice.Teams.MessagesTo(PracticeFixture.GroupA).Count;

        outage.Down = true;
        using var audit = await practice.TeamsAsync(practice.Message("audit", "personal", "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));
        using var post = await practice.TeamsAsync(practice.Message("post guidance", "personal", "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));
        await practice.Harness.Requests.EventAsync(SlackPayloads.DirectMessage("Ev-outage-1", PracticeFixture.SlackAdmin, "audit", channel: "D0ADMIN"));
        await practice.Slack.WaitForAsync(c => PracticeBroadcastApiTests.Shown(c.Body).Contains(TryAgain, StringComparison.Ordinal));
        var failedCalls = outage.Failures;
        outage.Down = false;

        Assert.True(audit.IsSuccessStatusCode, $"Teams answered {(int)audit.StatusCode} during the outage");
        Assert.True(post.IsSuccessStatusCode, $"Teams answered {(int)post.StatusCode} during the outage");
        var toAdmin = practice.Teams.MessagesTo("a:admin-chat").Select(PracticeBroadcastApiTests.Shown).ToList();
        Assert.Equal(2, toAdmin.Count(s => s.Contains(TryAgain, StringComparison.Ordinal)));
        Assert.True(failedCalls >= 3, $"the outage failed {failedCalls} store call(s); the commands did not reach the practice records");
        Assert.Equal(postsBefore, practice.Teams.MessagesTo(PracticeFixture.GroupA).Count);

        // Back by itself, and the broadcast recorded before the outage is still in the trail.
        using var after = await practice.TeamsAsync(practice.Message("audit", "personal", "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));
        after.EnsureSuccessStatusCode();
        var shown = PracticeBroadcastApiTests.Shown(practice.Teams.MessagesTo("a:admin-chat")[^1]);
        Assert.Contains("broadcast 'if-asked-for-notes'", shown, StringComparison.Ordinal);
        Assert.Contains("posted to 3 of 3", shown, StringComparison.Ordinal);
    }

    /// <summary>A store whose practice records (and only those) cannot be reached while <see cref="Down"/> is set.</summary>
    private sealed class PracticeRecordsOutage
    {
        private static readonly RecordKind[] PracticeKinds =
            [RecordKind.AuditTrail, RecordKind.PracticeChannel, RecordKind.CaseShare, RecordKind.BroadcastReceipt];

        private int _failures;

        public volatile bool Down;

        public int Failures => Volatile.Read(ref _failures);

        public IStateStore Wrap(IStateStore inner) => new Store(inner, this);

        private void ThrowIfDown(RecordKind kind)
        {
            if (Down && PracticeKinds.Contains(kind))
            {
                Interlocked.Increment(ref _failures);
                throw new TimeoutException("the store did not answer (injected)");
            }
        }

        private sealed class Store(IStateStore inner, PracticeRecordsOutage outage) : DelegatingStateStore(inner)
        {
            public override Task<StoredState?> ReadAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default)
            {
                outage.ThrowIfDown(kind);
                return base.ReadAsync(kind, key, cancellationToken);
            }

            public override Task<string?> TryWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default)
            {
                outage.ThrowIfDown(kind);
                return base.TryWriteAsync(kind, key, owner, data, expectedETag, timeToLive, cancellationToken);
            }

            public override Task DeleteAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default)
            {
                outage.ThrowIfDown(kind);
                return base.DeleteAsync(kind, key, cancellationToken);
            }

            public override Task<int> DeleteOwnedAsync(RecordKind kind, string channelId, string owner, CancellationToken cancellationToken = default)
            {
                outage.ThrowIfDown(kind);
                return base.DeleteOwnedAsync(kind, channelId, owner, cancellationToken);
            }

            public override Task<FirstDelivery> TryMarkProcessedAndReadAsync(RecordKind kind, StateKey key, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default)
            {
                outage.ThrowIfDown(kind);
                return base.TryMarkProcessedAndReadAsync(kind, key, deliveryId, duplicateWindow, cancellationToken);
            }

            public override Task<MarkedWrite> TryMarkProcessedAndWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default)
            {
                outage.ThrowIfDown(kind);
                return base.TryMarkProcessedAndWriteAsync(kind, key, owner, data, expectedETag, timeToLive, deliveryId, duplicateWindow, cancellationToken);
            }
        }
    }
}
