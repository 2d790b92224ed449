using NotesGuard.Conversations.Tests.Infrastructure;

namespace NotesGuard.Conversations.Tests.Engine;

/// <summary>
/// What a turn costs the store, in calls (each one round trip to the database): the duplicate check and the read
/// are one call, so a typed answer is two calls and a duplicate one.
/// </summary>
public sealed class StoreRoundTripTests : IDisposable
{
    private readonly TestEngine _bot;
    private readonly CountingStore _store;

    public StoreRoundTripTests()
    {
        CountingStore? counting = null;
        _bot = new TestEngine(wrapStore: store => counting = new CountingStore(store));
        _store = counting!;
    }

    [Fact]
    public async Task An_answer_costs_one_call_to_mark_and_read_and_one_to_write()
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        _store.Clear();

        await person.Says("1").BotAsks("requester");

        Assert.Equal(["TryMarkProcessedAndReadAsync", "TryWriteAsync"], _store.Calls);
    }

    [Fact]
    public async Task A_duplicate_costs_one_call_and_writes_nothing()
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        await person.Says("1", turnId: "activity-7").BotAsks("requester");
        _store.Clear();

        var retry = await person.Says("1", turnId: "activity-7");

        Assert.True(retry.Result.WasDuplicate);
        Assert.Equal(["TryMarkProcessedAndReadAsync"], _store.Calls);
        Assert.Single((await _bot.StateOf(person.Key))!.Answers);
    }

    [Fact]
    public async Task A_turn_without_a_delivery_id_reads_and_writes_without_a_mark()
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        _store.Clear();

        await person.Says("1", turnId: "").BotAsks("requester");
        await person.Says("1", turnId: "").BotAsks("courtOrder");

        Assert.Equal(["ReadAsync", "TryWriteAsync", "ReadAsync", "TryWriteAsync"], _store.Calls);
    }

    public void Dispose() => _bot.Dispose();
}
