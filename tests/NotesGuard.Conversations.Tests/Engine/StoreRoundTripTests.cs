using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Conversations.Tests.Infrastructure;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Conversations.Tests.Engine;

/// <summary>
/// What a turn costs the store, in calls (each one round trip, and each write one commit): on SQLite a typed answer
/// is a read and one write that records its delivery id in the same transaction; on a store without transactions
/// (Blob storage) the mark goes out with the read instead.
/// </summary>
public sealed class StoreRoundTripTests : IDisposable
{
    private readonly List<TestEngine> _engines = [];

    [Fact]
    public async Task An_answer_costs_one_read_and_one_write_that_records_its_delivery_id()
    {
        var (bot, store) = Engine();
        var person = new TranscriptClient(bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        store.Clear();

        await person.Says("1", turnId: "activity-3").BotAsks("requester");

        Assert.Equal(["ReadAsync", "TryMarkProcessedAndWriteAsync"], store.Calls);
        // The write recorded the delivery id: the same id again is a duplicate.
        Assert.False(await bot.Store.TryMarkProcessedAsync(person.Key.ChannelId, person.Key.ConversationId, "activity-3", TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task A_duplicate_is_refused_at_the_write_and_changes_nothing()
    {
        var (bot, store) = Engine();
        var person = new TranscriptClient(bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        await person.Says("1", turnId: "activity-7").BotAsks("requester");
        store.Clear();

        var retry = await person.Says("1", turnId: "activity-7");

        Assert.True(retry.Result.WasDuplicate);
        Assert.Empty(retry.All);
        Assert.Equal(["ReadAsync", "TryMarkProcessedAndWriteAsync"], store.Calls);
        Assert.Single((await bot.StateOf(person.Key))!.Answers);
    }

    [Fact]
    public async Task A_turn_that_changes_nothing_still_records_its_delivery_id_before_answering()
    {
        var (bot, store) = Engine();
        var person = new TranscriptClient(bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        await person.Says("why", turnId: "activity-8");
        store.Clear();

        var retry = await person.Says("why", turnId: "activity-8");

        Assert.True(retry.Result.WasDuplicate);
        Assert.Equal(["ReadAsync", "TryMarkProcessedAsync"], store.Calls);
    }

    [Fact]
    public async Task A_turn_that_failed_before_its_write_is_answered_when_delivered_again()
    {
        var (bot, failing, person) = await FailingEngineAsync();

        failing.FailNext = true;
        await Assert.ThrowsAsync<IOException>(() => person.Says("1", turnId: "activity-9"));
        // The failed turn took its delivery id back with its write, so the channel's retry is not taken for a duplicate.
        await person.Says("1", turnId: "activity-9").BotAsks("requester");
        Assert.Single((await bot.StateOf(person.Key))!.Answers);
    }

    [Fact]
    public async Task A_cancel_whose_delete_failed_is_answered_when_delivered_again()
    {
        var (bot, failing, person) = await FailingEngineAsync();

        failing.FailNextDelete = true;
        await Assert.ThrowsAsync<IOException>(() => person.Says("cancel", turnId: "activity-4"));
        var again = await person.Says("cancel", turnId: "activity-4");

        // The delete runs before the mark, so the failed turn left no mark and its retry is answered.
        Assert.False(again.Result.WasDuplicate);
        Assert.NotEmpty(again.All);
        Assert.Null(await bot.StateOf(person.Key));
    }

    [Fact]
    public async Task A_forget_me_whose_deletes_failed_part_way_deletes_the_rest_when_delivered_again()
    {
        var (bot, failing, person) = await FailingEngineAsync();
        await person.Says("1").BotAsks("requester");

        // The walkthrough is deleted, then the next kind's delete fails: the turn fails with some records left.
        failing.FailOwnedDeleteAfter = 1;
        await Assert.ThrowsAsync<IOException>(() => person.Says("forget me", turnId: "activity-5"));

        // The channel delivers it again: answered (not taken for a duplicate), and every kind deleted this time.
        var again = await person.Says("forget me", turnId: "activity-5");
        Assert.False(again.Result.WasDuplicate);
        Assert.True(again.Result.ForgotPerson);
        Assert.Equal(1 + RecordKind.All.Count, failing.OwnedDeletes);
        Assert.Null(await bot.StateOf(person.Key));

        // Once it succeeded, its delivery id is recorded: a third delivery sends nothing.
        var third = await person.Says("forget me", turnId: "activity-5");
        Assert.True(third.Result.WasDuplicate);
        Assert.Empty(third.All);
        // Its deletes ran again, so the channel still drops what it cached about the person rather than saving
        // their chat's reference back.
        Assert.True(third.Result.ForgotPerson);
    }

    [Fact]
    public async Task On_a_store_without_transactions_the_mark_goes_with_the_read()
    {
        var (bot, store) = Engine(marksWithWrite: false);
        var person = new TranscriptClient(bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        await person.Says("1", turnId: "activity-7").BotAsks("requester");
        store.Clear();

        await person.Says("1", turnId: "activity-8").BotAsks("courtOrder");
        var retry = await person.Says("1", turnId: "activity-8");

        Assert.True(retry.Result.WasDuplicate);
        Assert.Equal(["TryMarkProcessedAndReadAsync", "TryWriteAsync", "TryMarkProcessedAndReadAsync"], store.Calls);
    }

    [Fact]
    public async Task A_turn_without_a_delivery_id_reads_and_writes_without_a_mark()
    {
        var (bot, store) = Engine();
        var person = new TranscriptClient(bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        store.Clear();

        await person.Says("1", turnId: "").BotAsks("requester");
        await person.Says("1", turnId: "").BotAsks("courtOrder");

        Assert.Equal(["ReadAsync", "TryWriteAsync", "ReadAsync", "TryWriteAsync"], store.Calls);
    }

    public void Dispose() => _engines.ForEach(e => e.Dispose());

    private (TestEngine Bot, CountingStore Store) Engine(bool? marksWithWrite = null)
    {
        CountingStore? counting = null;
        var bot = new TestEngine(wrapStore: store => counting = new CountingStore(store, marksWithWrite));
        _engines.Add(bot);
        return (bot, counting!);
    }

    /// <summary>An engine over <see cref="FailingWriteStore"/>, and a person it has just asked the first question.</summary>
    private async Task<(TestEngine Bot, FailingWriteStore Failing, TranscriptClient Person)> FailingEngineAsync()
    {
        FailingWriteStore? failing = null;
        var bot = new TestEngine(wrapStore: s => failing = new FailingWriteStore(s));
        _engines.Add(bot);
        var person = new TranscriptClient(bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        return (bot, failing!, person);
    }

    /// <summary>The real store, except that the next turn's write (or delete) fails as a full disk would.</summary>
    private sealed class FailingWriteStore(IStateStore inner) : DelegatingStateStore(inner)
    {
        public bool FailNext { get; set; }

        public bool FailNextDelete { get; set; }

        /// <summary>When set, the delete of one person's records of one kind after this many have succeeded fails.</summary>
        public int? FailOwnedDeleteAfter { get; set; }

        public int OwnedDeletes { get; private set; }

        public override Task<int> DeleteOwnedAsync(RecordKind kind, string channelId, string owner, CancellationToken cancellationToken = default)
        {
            if (FailOwnedDeleteAfter-- == 0)
            {
                FailOwnedDeleteAfter = null;
                throw new IOException("disk full");
            }

            OwnedDeletes++;
            return base.DeleteOwnedAsync(kind, channelId, owner, cancellationToken);
        }

        public override Task<MarkedWrite> TryMarkProcessedAndWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("disk full");
            }

            return base.TryMarkProcessedAndWriteAsync(kind, key, owner, data, expectedETag, timeToLive, deliveryId, duplicateWindow, cancellationToken);
        }

        public override Task DeleteAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default)
        {
            if (FailNextDelete)
            {
                FailNextDelete = false;
                throw new IOException("disk full");
            }

            return base.DeleteAsync(kind, key, cancellationToken);
        }
    }
}
