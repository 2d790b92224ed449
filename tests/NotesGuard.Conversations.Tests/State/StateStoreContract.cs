using Microsoft.Extensions.Logging.Abstractions;
using NotesGuard.Conversations.Dialogs;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Conversations.Tests.Infrastructure;
using NotesGuard.Guidance;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Conversations.Tests.State;

/// <summary>
/// What every state store must do, proven on each provider against a real server (SQLite file, Azurite,
/// PostgreSQL): ETags, expiry, purge, forget me, duplicate ids, and two app instances sharing one store the way
/// instances behind a load balancer do. A subclass gives each test fresh, empty storage.
/// </summary>
public abstract class StateStoreContract : IAsyncLifetime
{
    private static readonly StateKey Alice = new("teams", "chat-1", "alice");
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private static readonly Lazy<Advisor> SharedAdvisor = new(() => Advisor.Create(new PracticeSettings()));

    private readonly List<IStateStore> _opened = [];

    private ManualClock Clock { get; } = new();

    /// <summary>The first app instance's store.</summary>
    private IStateStore Store { get; set; } = null!;

    public async Task InitializeAsync()
    {
        await PrepareStorageAsync();
        Store = OpenInstance();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            switch (store)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }

        await CleanUpStorageAsync();
    }

    /// <summary>Creates this test's empty storage (a folder, a container, a schema).</summary>
    protected abstract Task PrepareStorageAsync();

    /// <summary>A new store instance on this test's storage, as a second app instance would open it.</summary>
    protected abstract IStateStore OpenStore(TimeProvider clock);

    protected abstract Task CleanUpStorageAsync();

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_so_the_caller_reloads()
    {
        var first = await Store.TryWriteAsync(Alice, [1], null, Day);
        Assert.NotNull(first);
        var second = await Store.TryWriteAsync(Alice, [2], first, Day);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);

        Assert.Null(await Store.TryWriteAsync(Alice, [3], first, Day));
        Assert.Null(await Store.TryWriteAsync(Alice, [3], null, Day));
        Assert.Equal([2], (await Store.ReadAsync(Alice))!.Data);
    }

    [Fact]
    public async Task Two_instances_writing_with_the_same_etag_at_once_exactly_one_wins()
    {
        var other = OpenInstance();
        var etag = await Store.TryWriteAsync(Alice, [0], null, Day);

        var writes = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).TryWriteAsync(Alice, [(byte)i], etag, Day))));

        var winner = Assert.Single(Enumerable.Range(1, 8), i => writes[i - 1] is not null);
        var stored = await other.ReadAsync(Alice);
        Assert.Equal([(byte)winner], stored!.Data);
        Assert.Equal(writes[winner - 1], stored.ETag);
    }

    [Fact]
    public async Task Two_instances_starting_the_same_walkthrough_at_once_exactly_one_creates_it()
    {
        var other = OpenInstance();

        var writes = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).TryWriteAsync(Alice, [(byte)i], null, Day))));

        var winner = Assert.Single(Enumerable.Range(1, 8), i => writes[i - 1] is not null);
        Assert.Equal([(byte)winner], (await Store.ReadAsync(Alice))!.Data);
    }

    [Fact]
    public async Task A_record_expires_after_its_time_to_live_and_the_purge_removes_it()
    {
        await Store.TryWriteAsync(Alice, [1], null, Day);
        Assert.Equal(Clock.GetUtcNow() + Day, (await Store.ReadAsync(Alice))!.ExpiresAt);
        Clock.Advance(Day - TimeSpan.FromMinutes(1));
        Assert.NotNull(await Store.ReadAsync(Alice));

        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await Store.ReadAsync(Alice));
        Assert.NotNull(await Store.TryWriteAsync(Alice, [9], null, Day));
        Clock.Advance(Day * 2);

        Assert.Equal(1, await Store.PurgeExpiredAsync());
        Assert.Equal(0, await Store.PurgeExpiredAsync());
    }

    [Fact]
    public async Task An_expired_record_cannot_be_updated_with_its_old_etag_but_can_be_started_afresh()
    {
        var etag = await Store.TryWriteAsync(Alice, [1], null, Day);
        Clock.Advance(Day + TimeSpan.FromMinutes(1));

        Assert.Null(await Store.TryWriteAsync(Alice, [2], etag, Day));
        var fresh = await Store.TryWriteAsync(Alice, [3], null, Day);

        Assert.NotNull(fresh);
        Assert.NotEqual(etag, fresh);
        Assert.Equal([3], (await Store.ReadAsync(Alice))!.Data);
        Assert.Equal(0, await Store.PurgeExpiredAsync());
    }

    [Fact]
    public async Task The_purge_keeps_live_records()
    {
        await Store.TryWriteAsync(Alice, [1], null, TimeSpan.FromHours(1));
        await Store.TryWriteAsync(Alice with { UserId = "bob" }, [2], null, Day);
        await Store.TryMarkProcessedAsync("teams", "chat-1", "activity-1", TimeSpan.FromHours(1));
        Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(2, await Store.PurgeExpiredAsync());

        Assert.Equal([2], (await Store.ReadAsync(Alice with { UserId = "bob" }))!.Data);
    }

    [Fact]
    public async Task A_processed_delivery_id_is_refused_until_its_window_passes()
    {
        Assert.True(await Store.TryMarkProcessedAsync("slack", "chat-1", "Ev1", TimeSpan.FromHours(1)));
        Assert.False(await Store.TryMarkProcessedAsync("slack", "chat-1", "Ev1", TimeSpan.FromHours(1)));
        Assert.True(await Store.TryMarkProcessedAsync("teams", "chat-1", "Ev1", TimeSpan.FromHours(1)));

        Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(2, await Store.PurgeExpiredAsync());
        Assert.True(await Store.TryMarkProcessedAsync("slack", "chat-1", "Ev1", TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task An_expired_delivery_id_is_accepted_again_even_before_the_purge()
    {
        Assert.True(await Store.TryMarkProcessedAsync("slack", "chat-1", "Ev1", TimeSpan.FromHours(1)));
        Clock.Advance(TimeSpan.FromHours(2));

        Assert.True(await Store.TryMarkProcessedAsync("slack", "chat-1", "Ev1", TimeSpan.FromHours(1)));
        Assert.False(await Store.TryMarkProcessedAsync("slack", "chat-1", "Ev1", TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task A_turns_first_call_marks_its_delivery_and_reads_the_walkthrough_once()
    {
        var etag = await Store.TryWriteAsync(Alice, [1], null, Day);

        var first = await Store.TryMarkProcessedAndReadAsync(Alice, "activity-1", TimeSpan.FromHours(1));
        var again = await Store.TryMarkProcessedAndReadAsync(Alice, "activity-1", TimeSpan.FromHours(1));

        Assert.True(first.Accepted);
        Assert.Equal([1], first.State!.Data);
        Assert.Equal(etag, first.State.ETag);
        Assert.Equal(Clock.GetUtcNow() + Day, first.State.ExpiresAt);
        Assert.False(again.Accepted);
        Assert.Null(again.State);

        // The same mark as TryMarkProcessedAsync: either call sees the other's.
        Assert.False(await Store.TryMarkProcessedAsync("teams", "chat-1", "activity-1", TimeSpan.FromHours(1)));
        Assert.True(await Store.TryMarkProcessedAsync("teams", "chat-1", "activity-2", TimeSpan.FromHours(1)));
        Assert.False((await Store.TryMarkProcessedAndReadAsync(Alice, "activity-2", TimeSpan.FromHours(1))).Accepted);

        // Its write is conditional on the ETag read, as after a plain read.
        Assert.NotNull(await Store.TryWriteAsync(Alice, [2], first.State.ETag, Day));
    }

    [Fact]
    public async Task A_turns_first_call_reads_nothing_for_a_new_or_expired_walkthrough_and_accepts_an_expired_delivery_again()
    {
        var other = Alice with { ConversationId = "chat-2" };
        var fresh = await Store.TryMarkProcessedAndReadAsync(other, "activity-1", TimeSpan.FromHours(1));
        Assert.True(fresh.Accepted);
        Assert.Null(fresh.State);

        await Store.TryWriteAsync(other, [1], null, TimeSpan.FromMinutes(30));
        Clock.Advance(TimeSpan.FromHours(2));

        var later = await Store.TryMarkProcessedAndReadAsync(other, "activity-1", TimeSpan.FromHours(1));
        Assert.True(later.Accepted);
        Assert.Null(later.State);
        Assert.False((await Store.TryMarkProcessedAndReadAsync(other, "activity-1", TimeSpan.FromHours(1))).Accepted);
    }

    [Fact]
    public async Task A_turns_first_call_reads_only_its_own_kind_and_key()
    {
        var key = new StateKey("slack", "T0PRACTICE", "");
        await Store.TryWriteAsync(RecordKind.SlackInstallation, key, "", [1], null, Day);
        await Store.TryWriteAsync(Alice with { UserId = "bob" }, [2], null, Day);

        Assert.Null((await Store.TryMarkProcessedAndReadAsync(RecordKind.Walkthrough, key, "Ev1", TimeSpan.FromHours(1))).State);
        Assert.Null((await Store.TryMarkProcessedAndReadAsync(Alice, "activity-1", TimeSpan.FromHours(1))).State);
        Assert.Equal([1], (await Store.TryMarkProcessedAndReadAsync(RecordKind.SlackInstallation, key, "Ev2", TimeSpan.FromHours(1))).State!.Data);
    }

    [Fact]
    public async Task A_turns_first_call_retried_to_two_instances_at_once_is_accepted_by_exactly_one()
    {
        var other = OpenInstance();
        await Store.TryWriteAsync(Alice, [5], null, Day);

        var firsts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).TryMarkProcessedAndReadAsync(Alice, "activity-9", TimeSpan.FromHours(1)))));

        var accepted = Assert.Single(firsts, f => f.Accepted);
        Assert.Equal([5], accepted.State!.Data);
        Assert.All(firsts.Where(f => !f.Accepted), f => Assert.Null(f.State));
    }

    [Fact]
    public async Task A_turns_write_records_its_delivery_id_and_a_duplicate_writes_nothing()
    {
        var created = await Store.TryMarkProcessedAndWriteAsync(Alice, [1], null, Day, "activity-1", TimeSpan.FromHours(1));
        Assert.True(created.Accepted);
        Assert.NotNull(created.ETag);

        var duplicate = await Store.TryMarkProcessedAndWriteAsync(Alice, [2], created.ETag, Day, "activity-1", TimeSpan.FromHours(1));
        Assert.False(duplicate.Accepted);
        Assert.Null(duplicate.ETag);
        var stored = await Store.ReadAsync(Alice);
        Assert.Equal([1], stored!.Data);
        Assert.Equal(created.ETag, stored.ETag);

        // The same mark as TryMarkProcessedAsync, in that conversation only.
        Assert.False(await Store.TryMarkProcessedAsync("teams", "chat-1", "activity-1", TimeSpan.FromHours(1)));
        Assert.True(await Store.TryMarkProcessedAsync("teams", "chat-2", "activity-1", TimeSpan.FromHours(1)));
        var next = await Store.TryMarkProcessedAndWriteAsync(Alice, [3], created.ETag, Day, "activity-2", TimeSpan.FromHours(1));
        Assert.True(next.Accepted);
        Assert.Equal([3], (await Store.ReadAsync(Alice))!.Data);
    }

    [Fact]
    public async Task A_turns_refused_write_says_truly_whether_its_delivery_id_stayed_recorded()
    {
        var first = await Store.TryWriteAsync(Alice, [1], null, Day);
        await Store.TryWriteAsync(Alice, [2], first, Day);

        var stale = await Store.TryMarkProcessedAndWriteAsync(Alice, [9], first, Day, "activity-5", TimeSpan.FromHours(1));
        var taken = await Store.TryMarkProcessedAndWriteAsync(new StateKey("teams", "chat-1", "bob"), [9], null, Day, "activity-6", TimeSpan.FromHours(1));
        await Store.TryWriteAsync(new StateKey("teams", "chat-1", "carol"), [1], null, Day);
        var exists = await Store.TryMarkProcessedAndWriteAsync(new StateKey("teams", "chat-1", "carol"), [9], null, Day, "activity-7", TimeSpan.FromHours(1));

        Assert.True(stale.Accepted);
        Assert.Null(stale.ETag);
        Assert.Equal([2], (await Store.ReadAsync(Alice))!.Data);
        Assert.NotNull(taken.ETag);
        Assert.Null(exists.ETag);
        // Marked: the id is still recorded, so marking it again is refused; not marked: it went back with the write.
        Assert.Equal(!stale.Marked, await Store.TryMarkProcessedAsync("teams", "chat-1", "activity-5", TimeSpan.FromHours(1)));
        Assert.Equal(!exists.Marked, await Store.TryMarkProcessedAsync("teams", "chat-1", "activity-7", TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task A_turns_write_retried_to_two_instances_at_once_is_accepted_by_exactly_one()
    {
        var other = OpenInstance();
        var etag = await Store.TryWriteAsync(Alice, [5], null, Day);

        // Several rounds: copies of one delivery racing on the same record is where a store can deadlock or let two in.
        for (var round = 0; round < 10; round++)
        {
            var current = etag;
            var writes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                Task.Run(() => (i % 2 == 0 ? Store : other).TryMarkProcessedAndWriteAsync(Alice, [(byte)(10 + i)], current, Day, $"activity-{round}", TimeSpan.FromHours(1)))));

            var accepted = Assert.Single(writes, w => w.Accepted);
            Assert.NotNull(accepted.ETag);
            Assert.Equal(accepted.ETag, (await Store.ReadAsync(Alice))!.ETag);
            etag = accepted.ETag;
        }
    }

    [Fact]
    public async Task A_delivery_retried_to_two_instances_at_once_is_accepted_by_exactly_one()
    {
        var other = OpenInstance();

        var marks = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => (i % 2 == 0 ? Store : other).TryMarkProcessedAsync("teams", "chat-1", "activity-9", TimeSpan.FromHours(1)))));

        Assert.Single(marks, accepted => accepted);
    }

    [Fact]
    public async Task Forget_me_deletes_that_users_records_in_that_channel_only()
    {
        await Store.TryWriteAsync(Alice, [1], null, Day);
        await Store.TryWriteAsync(Alice with { ConversationId = "group-2" }, [1], null, Day);
        await Store.TryWriteAsync(Alice with { ChannelId = "slack" }, [1], null, Day);
        await Store.TryWriteAsync(Alice with { UserId = "bob" }, [1], null, Day);

        Assert.Equal(2, (await Store.DeleteUserAsync("teams", "alice")).Removed);

        Assert.Null(await Store.ReadAsync(Alice));
        Assert.Null(await Store.ReadAsync(Alice with { ConversationId = "group-2" }));
        Assert.NotNull(await Store.ReadAsync(Alice with { ChannelId = "slack" }));
        Assert.NotNull(await Store.ReadAsync(Alice with { UserId = "bob" }));
        Assert.Equal(0, (await Store.DeleteUserAsync("teams", "alice")).Removed);
    }

    [Fact]
    public async Task Each_kind_of_record_is_kept_apart_even_under_the_same_key()
    {
        var key = new StateKey("slack", "T0PRACTICE", "");
        Assert.NotNull(await Store.TryWriteAsync(RecordKind.SlackInstallation, key, "", [1], null, Day));
        Assert.NotNull(await Store.TryWriteAsync(RecordKind.Walkthrough, key, "", [2], null, Day));

        Assert.Equal([1], (await Store.ReadAsync(RecordKind.SlackInstallation, key))!.Data);
        Assert.Equal([2], (await Store.ReadAsync(RecordKind.Walkthrough, key))!.Data);
        Assert.Null(await Store.ReadAsync(RecordKind.ConversationReference, key));

        await Store.DeleteAsync(RecordKind.Walkthrough, key);
        Assert.NotNull(await Store.ReadAsync(RecordKind.SlackInstallation, key));
    }

    [Theory]
    [InlineData("slack", "T0PRACTICE")]
    [InlineData("slack-install", "bot")]
    [InlineData("slack_installation", "T0PRACTICE")]
    [InlineData("slack|T0PRACTICE", "x")]
    public async Task Forget_me_from_any_channel_and_user_a_client_can_name_leaves_workspace_installs_alone(string channel, string user)
    {
        var install = new StateKey("slack", "T0PRACTICE", "");
        await Store.TryWriteAsync(RecordKind.SlackInstallation, install, "", [7], null, Day);

        await Store.DeleteUserAsync(channel, user);

        Assert.Equal([7], (await Store.ReadAsync(RecordKind.SlackInstallation, install))!.Data);
    }

    [Fact]
    public async Task Forget_me_deletes_the_persons_records_of_every_kind_and_nobody_elses()
    {
        await Store.TryWriteAsync(Alice, [1], null, Day);
        await Store.TryWriteAsync(Alice with { ConversationId = "group-2" }, [1], null, Day);
        var personalChat = new StateKey("teams", "a:alice-personal", "");
        var groupChat = new StateKey("teams", "19:group@thread.v2", "");
        await Store.TryWriteAsync(RecordKind.ConversationReference, personalChat, "alice", [2], null, Day);
        await Store.TryWriteAsync(RecordKind.WelcomeMarker, personalChat, "alice", [], null, Day);
        await Store.TryWriteAsync(RecordKind.ConversationReference, groupChat, "", [3], null, Day);
        await Store.TryWriteAsync(RecordKind.ConversationReference, new StateKey("teams", "a:bob-personal", ""), "bob", [4], null, Day);

        Assert.Equal(4, (await Store.DeleteUserAsync("teams", "alice")).Removed);

        Assert.Null(await Store.ReadAsync(Alice));
        Assert.Null(await Store.ReadAsync(RecordKind.ConversationReference, personalChat));
        Assert.Null(await Store.ReadAsync(RecordKind.WelcomeMarker, personalChat));
        Assert.NotNull(await Store.ReadAsync(RecordKind.ConversationReference, groupChat));
        Assert.NotNull(await Store.ReadAsync(RecordKind.ConversationReference, new StateKey("teams", "a:bob-personal", "")));
    }

    [Fact]
    public async Task A_record_rewritten_by_someone_else_belongs_to_the_new_owner()
    {
        var chat = new StateKey("teams", "a:personal", "");
        var etag = await Store.TryWriteAsync(RecordKind.ConversationReference, chat, "alice", [1], null, Day);
        await Store.TryWriteAsync(RecordKind.ConversationReference, chat, "bob", [2], etag, Day);

        Assert.Equal(0, await Store.DeleteOwnedAsync(RecordKind.ConversationReference, "teams", "alice"));
        Assert.Equal(1, await Store.DeleteOwnedAsync(RecordKind.ConversationReference, "teams", "bob"));
    }

    [Fact]
    public async Task Every_kind_of_record_expires_and_is_purged()
    {
        foreach (var kind in RecordKind.All)
        {
            await Store.TryWriteAsync(kind, Alice, "alice", [1], null, TimeSpan.FromHours(1));
        }

        Clock.Advance(TimeSpan.FromHours(2));

        foreach (var kind in RecordKind.All)
        {
            Assert.Null(await Store.ReadAsync(kind, Alice));
        }

        Assert.Equal(RecordKind.All.Count, await Store.PurgeExpiredAsync());
    }

    [Fact]
    public async Task A_delivery_id_is_remembered_per_conversation()
    {
        Assert.True(await Store.TryMarkProcessedAsync("teams", "a:alice-personal", "1", TimeSpan.FromHours(1)));
        Assert.True(await Store.TryMarkProcessedAsync("teams", "a:bob-personal", "1", TimeSpan.FromHours(1)));
        Assert.False(await Store.TryMarkProcessedAsync("teams", "a:alice-personal", "1", TimeSpan.FromHours(1)));

        // Length-prefixed or hashed parts: ids that only differ in where a separator falls stay apart.
        Assert.True(await Store.TryMarkProcessedAsync("teams", "a|b", "c", TimeSpan.FromHours(1)));
        Assert.True(await Store.TryMarkProcessedAsync("teams", "a", "b|c", TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Two_people_whose_activities_share_an_id_in_different_conversations_are_both_answered()
    {
        var engine = EngineOver(Store);
        var alice = new TranscriptClient(engine, "alice", "a:alice-personal");
        var bob = new TranscriptClient(engine, "bob", "a:bob-personal");

        var toAlice = await alice.Says("hi", turnId: "1");
        var toBob = await bob.Says("hi", turnId: "1");
        var again = await alice.Says("hi", turnId: "1");

        Assert.False(toAlice.Result.WasDuplicate);
        Assert.False(toBob.Result.WasDuplicate);
        Assert.Equal("jurisdiction", toBob.Question?.QuestionId);
        Assert.True(again.Result.WasDuplicate);
    }

    [Fact]
    public async Task Ids_with_separators_and_odd_characters_stay_apart()
    {
        var odd = new StateKey("teams", "19:abc@thread.v2;messageid=17/../x", "29:1a-B_c/ä?");
        var lookalike = odd with { ConversationId = "19:abc@thread.v2;messageid=17/..", UserId = "x/29:1a-B_c/ä?" };

        await Store.TryWriteAsync(odd, [1], null, Day);
        await Store.TryWriteAsync(lookalike, [2], null, Day);

        Assert.Equal([1], (await Store.ReadAsync(odd))!.Data);
        Assert.Equal([2], (await Store.ReadAsync(lookalike))!.Data);
        Assert.Equal(1, (await Store.DeleteUserAsync("teams", odd.UserId)).Removed);
        Assert.NotNull(await Store.ReadAsync(lookalike));
    }

    [Fact]
    public async Task Deleting_a_walkthrough_leaves_the_others()
    {
        await Store.TryWriteAsync(Alice, [1], null, Day);
        await Store.TryWriteAsync(Alice with { ConversationId = "group-2" }, [2], null, Day);

        await Store.DeleteAsync(Alice);
        await Store.DeleteAsync(Alice);

        Assert.Null(await Store.ReadAsync(Alice));
        Assert.NotNull(await Store.ReadAsync(Alice with { ConversationId = "group-2" }));
        Assert.NotNull(await Store.TryWriteAsync(Alice, [3], null, Day));
    }

    [Fact]
    public async Task The_store_is_reachable()
    {
        Assert.True(await Store.IsReachableAsync());
        Assert.True(await OpenInstance().IsReachableAsync());
    }

    [Fact]
    public async Task A_walkthrough_started_on_one_instance_continues_on_another()
    {
        var first = EngineOver(Store);
        var second = EngineOver(OpenInstance());
        var onFirst = new TranscriptClient(first);
        var onSecond = new TranscriptClient(second);

        await onFirst.Says("hi").BotAsks("jurisdiction");
        await onFirst.Chooses("england-wales").BotAsks("requester");
        await onSecond.Says("1").BotAsks("courtOrder");

        Assert.Equal(["jurisdiction", "requester"], (await StateOf(onFirst.Key))!.Answers.Select(a => a.QuestionId));
    }

    [Fact]
    public async Task Expired_walkthroughs_read_as_none_so_the_person_starts_afresh()
    {
        var engine = EngineOver(Store, out var options);
        var person = new TranscriptClient(engine);
        await person.Says("hi").BotAsks("jurisdiction");
        await person.Chooses("england-wales").BotAsks("requester");
        var requester = person.LastQuestion!;

        Clock.Advance(options.TimeToLive + TimeSpan.FromMinutes(1));

        await person.ClicksValue(requester.Choices[0].Value).BotSays("ended or expired");
        await person.Says("hello").BotAsks("jurisdiction");
        Assert.Equal(1, person.LastQuestion!.Number);
    }

    [Fact]
    public async Task Parallel_answers_in_one_conversation_are_all_kept()
    {
        var gate = new ReadTogetherStore(Store, parties: 4);
        var person = new TranscriptClient(EngineOver(gate));
        await person.Says("hi").BotAsks("jurisdiction");

        // All four turns read the walkthrough at the same version before any writes; "1" answers whichever
        // question is open. Only the store's conditional write keeps every answer.
        gate.Arm();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => person.Says("1"))));

        var state = await StateOf(person.Key);
        Assert.Equal(["jurisdiction", "requester", "courtOrder", "safeguardingConcern"], state!.Answers.Select(a => a.QuestionId));
        Assert.Single(results, r => r.Review is not null);
    }

    [Fact]
    public async Task A_turn_delivered_to_two_instances_at_once_is_answered_exactly_once()
    {
        var engines = new[] { EngineOver(Store), EngineOver(OpenInstance()) };
        var people = engines.Select(e => new TranscriptClient(e)).ToArray();
        await people[0].Says("hi").BotAsks("jurisdiction");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => people[i % 2].Says("1", turnId: "event-7"))));

        Assert.Single(results, r => !r.Result.WasDuplicate);
        Assert.Single((await StateOf(people[0].Key))!.Answers);
    }

    private IStateStore OpenInstance()
    {
        var store = OpenStore(Clock);
        _opened.Add(store);
        return store;
    }

    private async Task<WalkthroughState?> StateOf(StateKey key)
    {
        var stored = await Store.ReadAsync(key);
        return stored is null ? null : WalkthroughStateSerializer.Deserialize(stored.Data);
    }

    private static ConversationEngine EngineOver(IStateStore store) => EngineOver(store, out _);

    private static ConversationEngine EngineOver(IStateStore store, out StorageOptions options)
    {
        options = new StorageOptions();
        return new ConversationEngine(
            store,
            new AdviceDialog(SharedAdvisor.Value, new PracticeSettings()),
            Microsoft.Extensions.Options.Options.Create(options),
            NullLogger<ConversationEngine>.Instance);
    }
}
