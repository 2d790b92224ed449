using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.State;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Conversations.Tests.Practice;

/// <summary>
/// The directory keeps a group's display name beside its id: what the channel said last, a nameless message never
/// wipes it, and a channel that must be asked for it (Slack's conversations.info) is asked once, not per message.
/// </summary>
public sealed class PracticeChannelDirectoryTests
{
    private static readonly PracticeTarget Group = new(PracticeTarget.Slack, "C0SUPERVISE", "T0PRACTICE");

    [Fact]
    public async Task A_name_is_kept_renamed_when_the_channel_gives_a_new_one_and_never_wiped_by_a_message_without_one()
    {
        var directory = new PracticeChannelDirectory(new InProcessStateStore(), new ManualClock());

        await directory.AddAsync(Group, "Supervision");
        await directory.AddAsync(Group);
        var kept = Assert.Single(await directory.ListGroupsAsync());
        await directory.AddAsync(Group, "Supervision (Tuesdays)");

        Assert.Equal("Supervision", kept.Name);
        Assert.Equal("Supervision (Tuesdays)", Assert.Single(await directory.ListGroupsAsync()).Name);
    }

    [Fact]
    public async Task A_name_that_must_be_asked_for_is_asked_once_and_a_missing_one_again_only_a_day_later()
    {
        var clock = new ManualClock();
        var directory = new PracticeChannelDirectory(new InProcessStateStore(clock), clock);
        var asked = 0;
        string? answer = null;
        Task<string?> LookUp(CancellationToken _)
        {
            asked++;
            return Task.FromResult(answer);
        }

        await directory.AddAsync(Group, LookUp);
        await directory.AddAsync(Group, LookUp);
        Assert.Equal(1, asked);

        clock.Advance(TimeSpan.FromDays(1));
        answer = "supervision";
        await directory.AddAsync(Group, LookUp);
        await directory.AddAsync(Group, LookUp);

        Assert.Equal(2, asked);
        Assert.Equal("supervision", Assert.Single(await directory.ListGroupsAsync()).Name);
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
