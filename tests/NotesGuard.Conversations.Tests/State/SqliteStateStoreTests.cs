using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Conversations.Tests.Infrastructure;

namespace NotesGuard.Conversations.Tests.State;

/// <summary>The SQLite store on a real file: ETags, expiry, forget-me, duplicate ids, purge.</summary>
public sealed class SqliteStateStoreTests : IDisposable
{
    private static readonly StateKey Alice = new("teams", "chat-1", "alice");
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private readonly ManualClock _clock = new();
    private readonly TestEngine _bot;

    public SqliteStateStoreTests() => _bot = new TestEngine(_clock);

    private SqliteStateStore Store => _bot.Store;

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_so_the_caller_reloads()
    {
        var first = await Store.TryWriteAsync(Alice, [1], null, Day);
        Assert.NotNull(first);
        var second = await Store.TryWriteAsync(Alice, [2], first, Day);
        Assert.NotNull(second);

        Assert.Null(await Store.TryWriteAsync(Alice, [3], first, Day));
        Assert.Null(await Store.TryWriteAsync(Alice, [3], null, Day));
        Assert.Equal([2], (await Store.ReadAsync(Alice))!.Data);
    }

    [Fact]
    public async Task A_record_expires_after_its_time_to_live_and_the_purge_removes_it()
    {
        await Store.TryWriteAsync(Alice, [1], null, Day);
        _clock.Advance(Day - TimeSpan.FromMinutes(1));
        Assert.NotNull(await Store.ReadAsync(Alice));

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await Store.ReadAsync(Alice));
        Assert.NotNull(await Store.TryWriteAsync(Alice, [9], null, Day));
        _clock.Advance(Day * 2);

        Assert.Equal(1, await Store.PurgeExpiredAsync());
        Assert.Equal(0, await Store.PurgeExpiredAsync());
    }

    [Fact]
    public async Task A_processed_delivery_id_is_refused_until_its_window_passes()
    {
        Assert.True(await Store.TryMarkProcessedAsync("slack", "Ev1", TimeSpan.FromHours(1)));
        Assert.False(await Store.TryMarkProcessedAsync("slack", "Ev1", TimeSpan.FromHours(1)));
        Assert.True(await Store.TryMarkProcessedAsync("teams", "Ev1", TimeSpan.FromHours(1)));

        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(2, await Store.PurgeExpiredAsync());
        Assert.True(await Store.TryMarkProcessedAsync("slack", "Ev1", TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Forget_me_deletes_that_users_records_in_that_channel_only()
    {
        await Store.TryWriteAsync(Alice, [1], null, Day);
        await Store.TryWriteAsync(Alice with { ConversationId = "group-2" }, [1], null, Day);
        await Store.TryWriteAsync(Alice with { ChannelId = "slack" }, [1], null, Day);
        await Store.TryWriteAsync(Alice with { UserId = "bob" }, [1], null, Day);

        Assert.Equal(2, await Store.DeleteUserAsync("teams", "alice"));

        Assert.Null(await Store.ReadAsync(Alice));
        Assert.NotNull(await Store.ReadAsync(Alice with { ChannelId = "slack" }));
        Assert.NotNull(await Store.ReadAsync(Alice with { UserId = "bob" }));
    }

    [Fact]
    public async Task The_store_is_reachable_and_a_second_store_on_the_same_file_sees_the_same_records()
    {
        Assert.True(await Store.IsReachableAsync());
        await Store.TryWriteAsync(Alice, [7], null, Day);

        var again = new SqliteStateStore(Store.DatabasePath, _clock);
        Assert.Equal([7], (await again.ReadAsync(Alice))!.Data);
    }

    [Fact]
    public async Task Expired_walkthroughs_read_as_none_so_the_person_starts_afresh()
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");
        await person.Chooses("england-wales").BotAsks("requester");
        var requester = person.LastQuestion!;

        _clock.Advance(_bot.Options.TimeToLive + TimeSpan.FromMinutes(1));

        await person.ClicksValue(requester.Choices[0].Value).BotSays("ended or expired");
        await person.Says("hello").BotAsks("jurisdiction");
        Assert.Equal(1, person.LastQuestion!.Number);
    }

    public void Dispose() => _bot.Dispose();
}
