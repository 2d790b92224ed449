using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Slack.Tests.Fakes;

namespace NotesGuard.Slack.Tests.Work;

public sealed class OrderingTests
{
    [Fact]
    public async Task One_persons_messages_are_answered_in_the_order_sent_even_with_many_workers()
    {
        await using var host = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:Workers"] = "8", ["Slack:MaxQueuedPerPerson"] = "10" });
        // Earlier turns take longer, so with no ordering the later ones would overtake them.
        host.Engine.Duration = turn => TimeSpan.FromMilliseconds(200 - (10 * int.Parse(turn.Text!, System.Globalization.CultureInfo.InvariantCulture)));

        for (var i = 1; i <= 10; i++)
        {
            await host.Requests.EventAsync(SlackPayloads.DirectMessage($"EvOrder{i}", "U0ALEX", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var posts = await host.Slack.WaitForAsync("chat.postMessage", count: 10);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"echo {i}"), posts.Select(p => p.Str("text")));
    }

    [Fact]
    public async Task Different_people_are_worked_on_at_the_same_time()
    {
        await using var host = await SlackTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:Workers"] = "8" });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Engine.Gate = release;

        for (var i = 0; i < 16; i++)
        {
            await host.Requests.EventAsync(SlackPayloads.DirectMessage($"EvPar{i}", $"U0PERSON{i}", "hello", channel: $"D0PERSON{i}"));
        }

        // While every started turn is held, more than one person's turn is in progress.
        await host.Engine.WaitForTurnsAsync(2);
        release.SetResult();
        await host.Slack.WaitForAsync("chat.postMessage", count: 16);
    }
}
