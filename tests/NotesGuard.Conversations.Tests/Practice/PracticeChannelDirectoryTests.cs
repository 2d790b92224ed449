using System.Text;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.State;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Conversations.Tests.Practice;

/// <summary>
/// The directory stores ids only; a group's display name (a Teams chat topic can be a client's name) is held in this
/// instance's memory: what the channel said last, a nameless message never wipes it, a channel that must be asked is
/// asked once, the memory is bounded, and lists written with names by an older build lose them on the next change.
/// </summary>
public sealed class PracticeChannelDirectoryTests
{
    private static readonly PracticeTarget Group = new(PracticeTarget.Slack, "C0SUPERVISE", "T0PRACTICE");
    private static readonly StateKey SlackList = new(PracticeTarget.Slack, "practice-channels", "");

    [Fact]
    public async Task A_name_is_shown_renamed_and_never_wiped_by_a_message_without_one_yet_never_stored()
    {
        var store = new InProcessStateStore();
        var directory = new PracticeChannelDirectory(store, new ManualClock());

        await directory.AddAsync(Group, "Case conf J Doe");
        await directory.AddAsync(Group);
        var kept = Assert.Single(await directory.ListGroupsAsync());
        await directory.AddAsync(Group, "Case conf (Tuesdays)");

        Assert.Equal("Case conf J Doe", kept.Name);
        Assert.Equal("Case conf (Tuesdays)", Assert.Single(await directory.ListGroupsAsync()).Name);
        var stored = Encoding.UTF8.GetString((await store.ReadAsync(RecordKind.PracticeChannel, SlackList))!.Data);
        Assert.Contains(Group.ConversationId, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Case conf", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("name", stored, StringComparison.OrdinalIgnoreCase);
        // Another instance (or this one after a restart) reads the same list and has no name to show.
        Assert.Null(Assert.Single(await new PracticeChannelDirectory(store, new ManualClock()).ListGroupsAsync()).Name);
    }

    [Fact]
    public async Task A_name_that_must_be_asked_for_is_asked_once_while_held_and_again_after_it_expires()
    {
        var clock = new ManualClock();
        var directory = new PracticeChannelDirectory(new InProcessStateStore(clock), clock);
        var channel = new NamingChannel();
        await directory.AddAsync(Group);
        var group = Assert.Single(await directory.ListGroupsAsync());

        Assert.Null((await directory.WithNameAsync(group, channel)).Name);
        Assert.Null((await directory.WithNameAsync(group, channel)).Name);
        Assert.Equal(1, channel.Asked);

        clock.Advance(PracticeChannelNames.Lifetime);
        channel.Answer = "  supervision ";
        Assert.Equal("supervision", (await directory.WithNameAsync(group, channel)).Name);
        Assert.Equal("supervision", Assert.Single(await directory.ListGroupsAsync()).Name);
        Assert.Equal(2, channel.Asked);
    }

    [Fact]
    public async Task A_list_written_with_names_by_an_older_build_shows_none_and_loses_them_on_the_next_change()
    {
        var store = await WithLegacyListAsync();
        var directory = new PracticeChannelDirectory(store, new ManualClock());

        Assert.Null(Assert.Single(await directory.ListGroupsAsync()).Name);
        await directory.AddAsync(Group);

        var stored = Encoding.UTF8.GetString((await store.ReadAsync(RecordKind.PracticeChannel, SlackList))!.Data);
        Assert.Contains(Group.ConversationId, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Case conf", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("nameAskedAt", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scrub_at_start_up_removes_the_names_an_older_build_kept_without_waiting_for_a_change()
    {
        var store = await WithLegacyListAsync();
        var directory = new PracticeChannelDirectory(store, new ManualClock());

        Assert.True(await directory.ScrubLegacyNamesAsync());
        Assert.False(await directory.ScrubLegacyNamesAsync());

        var stored = Encoding.UTF8.GetString((await store.ReadAsync(RecordKind.PracticeChannel, SlackList))!.Data);
        Assert.DoesNotContain("Case conf", stored, StringComparison.Ordinal);
        Assert.Equal(Group, Assert.Single(await directory.ListAsync()));
    }

    /// <summary>A store holding Slack's list as a build before names left the store wrote it: with a group's name.</summary>
    private static async Task<InProcessStateStore> WithLegacyListAsync()
    {
        var store = new InProcessStateStore();
        var legacy = $$"""[{"conversationId":"{{Group.ConversationId}}","teamId":"{{Group.TeamId}}","addedAt":"2026-01-01T00:00:00+00:00","name":"Case conf J Doe","nameAskedAt":"2026-01-01T00:00:00+00:00"}]""";
        await store.TryWriteAsync(RecordKind.PracticeChannel, SlackList, "", Encoding.UTF8.GetBytes(legacy), null, TimeSpan.FromDays(400));
        return store;
    }

    [Fact]
    public void The_names_held_in_memory_are_bounded()
    {
        var names = new PracticeChannelNames(new ManualClock(), maxEntries: 100);

        for (var i = 0; i < 1000; i++)
        {
            names.Remember(new PracticeTarget(PracticeTarget.Teams, $"19:chat-{i}@thread.v2"), $"Chat {i}");
        }

        Assert.InRange(names.Count, 1, 100);
        Assert.True(names.TryGet(new PracticeTarget(PracticeTarget.Teams, "19:chat-999@thread.v2"), out var last));
        Assert.Equal("Chat 999", last);
        Assert.Equal(PracticeChannelNames.MaxEntries, 10_000);
    }

    private sealed class NamingChannel : IPracticeShareChannel
    {
        public string? Answer { get; set; }

        public int Asked { get; private set; }

        public string ChannelId => PracticeTarget.Slack;

        public Task<string?> NameAsync(PracticeTarget target, CancellationToken cancellationToken)
        {
            Asked++;
            return Task.FromResult(Answer);
        }

        public Task<bool> IsMemberAsync(PracticeTarget target, Turn sharer, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<SharePost> PostAsync(PracticeTarget target, Reply card, CancellationToken cancellationToken) => Task.FromResult(new SharePost("1", null));

        public Task<string?> DeleteAsync(PracticeTarget target, string messageId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData("  Peer\r\nsupervision\t group ", "Peer supervision group")]
    [InlineData("a\u0000b", "ab")]
    public void A_name_is_made_one_short_line(string? given, string? kept) =>
        Assert.Equal(kept, PracticeChannelDirectory.CleanName(given));

    [Fact]
    public void A_long_name_is_cut_to_fit_a_button()
    {
        var cut = PracticeChannelDirectory.CleanName(new string('x', 500))!;

        Assert.Equal(PracticeChannelDirectory.MaxNameLength, cut.Length);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
    }
}
