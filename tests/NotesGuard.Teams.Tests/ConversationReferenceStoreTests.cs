using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.State;
using NotesGuard.Teams.References;
using NotesGuard.Teams.Schema;
using NotesGuard.Teams.Tests.Infrastructure;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Teams.Tests;

/// <summary>
/// Conversation references are written when they change, not on every turn: the common turn costs the store nothing,
/// and a new service URL, tenant or bot, a "forget me", a restart that finds the record gone, or a day's age still
/// write it.
/// </summary>
public sealed class ConversationReferenceStoreTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private const string Conversation = "a:personal-alex";

    private readonly InMemoryStateStore _memory = new();
    private readonly CountingStore _store;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    public ConversationReferenceStoreTests() => _store = CountingStore.Over(_memory);

    [Fact]
    public async Task An_unchanged_reference_is_written_once_and_later_turns_touch_the_store_not_at_all()
    {
        var references = New();

        await references.SaveAsync(Turn(), default);
        var (reads, writes) = (_store.Reads, _store.Writes);
        for (var i = 0; i < 5; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            await references.SaveAsync(Turn(), default);
        }

        Assert.Equal(1, writes);
        Assert.Equal((reads, writes), (_store.Reads, _store.Writes));
    }

    [Theory]
    [InlineData("serviceUrl")]
    [InlineData("tenant")]
    [InlineData("bot")]
    public async Task A_reference_whose_address_changed_is_written_again(string change)
    {
        var references = New();
        await references.SaveAsync(Turn(), default);

        var changed = change switch
        {
            "serviceUrl" => Turn(serviceUrl: "https://smba.trafficmanager.net/amer/"),
            "tenant" => Turn(tenant: "tenant-2"),
            _ => Turn(botId: "28:another-bot"),
        };
        await references.SaveAsync(changed, default);

        Assert.Equal(2, _store.Writes);
        var saved = await references.FindAsync(Conversation, default);
        Assert.Equal((changed.ServiceUrl, changed.Recipient!.Id, changed.Conversation!.TenantId), (saved!.ServiceUrl, saved.BotId, saved.TenantId));
    }

    [Fact]
    public async Task After_forget_me_the_next_turn_writes_the_reference_afresh()
    {
        var references = New();
        await references.SaveAsync(Turn(), default);

        // What the engine does for "forget me": every record the person owns goes, their chat's reference included.
        await _memory.DeleteOwnedAsync(RecordKind.ConversationReference, "msteams", Activities.UserId);
        references.ForgetSaved(Activities.UserId);
        await references.SaveAsync(Turn(), default);

        Assert.Equal(2, _store.Writes);
        Assert.NotNull(await references.FindAsync(Conversation, default));
    }

    [Fact]
    public async Task After_a_restart_an_unchanged_stored_reference_is_read_once_and_a_missing_one_written()
    {
        await New().SaveAsync(Turn(), default);

        var restarted = New();
        await restarted.SaveAsync(Turn(), default);
        await restarted.SaveAsync(Turn(), default);
        Assert.Equal((1, 1), (_store.Writes, _store.Reads - 1));

        await _memory.DeleteAsync(RecordKind.ConversationReference, new StateKey("msteams", Conversation, ""));
        await New().SaveAsync(Turn(), default);
        Assert.Equal(2, _store.Writes);
        Assert.NotNull(await restarted.FindAsync(Conversation, default));
    }

    [Theory]
    [InlineData("conversationUpdate")]
    [InlineData("installationUpdate")]
    public async Task The_bot_added_again_after_another_instance_deleted_the_reference_writes_it_again(string type)
    {
        var first = New();
        var second = New();
        await first.SaveAsync(Turn(), default);

        // The bot is removed; another instance handles that and deletes the reference. Then it is added back, and
        // the instance that remembers saving it handles that.
        await second.DeleteAsync(Conversation, default);
        var added = Turn();
        added.Type = type;
        await first.SaveAsync(added, default);

        Assert.NotNull(await second.FindAsync(Conversation, default));
        Assert.Equal(2, _store.Writes);
    }

    [Fact]
    public async Task A_reference_a_day_old_is_written_again_so_it_does_not_expire_while_in_use()
    {
        var references = New();
        await references.SaveAsync(Turn(), default);

        _clock.Advance(TimeSpan.FromDays(1));
        await references.SaveAsync(Turn(), default);

        Assert.Equal(2, _store.Writes);
    }

    [Fact]
    public async Task What_an_instance_remembers_is_bounded()
    {
        var references = New(maxRemembered: 50);

        for (var i = 0; i < 200; i++)
        {
            await references.SaveAsync(Turn(conversationId: $"a:personal-{i}"), default);
        }

        Assert.InRange(references.RememberedCount, 1, 50);
        Assert.Equal(200, _store.Writes);
    }

    [Fact]
    public async Task A_group_chat_topic_is_held_in_memory_from_each_activity_and_never_stored()
    {
        const string Group = "19:case-conf@thread.v2";
        var directory = new PracticeChannelDirectory(_store.Store, _clock);
        var references = new ConversationReferenceStore(_store.Store, _clock, Options.Create(new TeamsOptions()), NullLogger<ConversationReferenceStore>.Instance, directory);
        Activity GroupTurn(string? topic)
        {
            var activity = Turn(conversationId: Group);
            activity.Conversation = new ConversationAccount { Id = Group, ConversationType = "groupChat", TenantId = "tenant-1", Name = topic };
            return activity;
        }

        await references.SaveAsync(GroupTurn("Case conf J Doe"), default);
        var shown = Assert.Single(await directory.ListGroupsAsync()).Name;
        // Hours later, the reference needs no write (it is under a day old), yet the renamed topic is what shows.
        _clock.Advance(TimeSpan.FromHours(7));
        var writes = _store.Writes;
        await references.SaveAsync(GroupTurn("Case conf (Tuesdays)"), default);

        Assert.Equal("Case conf J Doe", shown);
        Assert.Equal(writes, _store.Writes);
        Assert.Equal("Case conf (Tuesdays)", Assert.Single(await directory.ListGroupsAsync()).Name);
        var list = await _memory.ReadAsync(RecordKind.PracticeChannel, new StateKey(PracticeTarget.Teams, "practice-channels", ""));
        Assert.Contains(Group, System.Text.Encoding.UTF8.GetString(list!.Data), StringComparison.Ordinal);
        Assert.DoesNotContain("Case conf", System.Text.Encoding.UTF8.GetString(list.Data), StringComparison.Ordinal);
    }

    private ConversationReferenceStore New(int maxRemembered = 10_000) =>
        new(_store.Store, _clock, Options.Create(new TeamsOptions()), NullLogger<ConversationReferenceStore>.Instance, maxRemembered: maxRemembered);

    private static Activity Turn(string serviceUrl = ServiceUrl, string tenant = "tenant-1", string botId = Activities.BotId, string conversationId = Conversation) => new()
    {
        Type = "message",
        Id = Activities.NewId(),
        ServiceUrl = serviceUrl,
        From = new ChannelAccount { Id = Activities.UserId, Name = "Alex" },
        Recipient = new ChannelAccount { Id = botId, Name = Activities.BotName },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = tenant },
        Text = "hello",
    };

    /// <summary>
    /// Counts the reads and writes of references on their way to the real (in-memory) store. A proxy rather than a
    /// hand-written IStateStore, so whatever else the interface grows passes straight through.
    /// </summary>
    public class CountingStore : DispatchProxy
    {
        private IStateStore _inner = null!;

        public int Reads { get; private set; }

        public int Writes { get; private set; }

        public IStateStore Store => (IStateStore)(object)this;

        public static CountingStore Over(IStateStore inner)
        {
            var proxy = (CountingStore)(object)Create<IStateStore, CountingStore>();
            proxy._inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (args is [RecordKind kind, ..] && kind == RecordKind.ConversationReference)
            {
                Reads += targetMethod!.Name == nameof(IStateStore.ReadAsync) ? 1 : 0;
                Writes += targetMethod.Name == nameof(IStateStore.TryWriteAsync) ? 1 : 0;
            }

            return targetMethod!.Invoke(_inner, args);
        }
    }
}
