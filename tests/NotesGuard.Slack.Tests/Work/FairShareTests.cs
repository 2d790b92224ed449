using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Slack.Tests.Fakes;

namespace NotesGuard.Slack.Tests.Work;

/// <summary>
/// One person sending fast cannot fill the work lane everyone shares: beyond Slack:MaxQueuedPerPerson their
/// requests are answered "busy", and another person's request still gets in and is worked on.
/// </summary>
public sealed class FairShareTests
{
    [Fact]
    public async Task A_flood_from_one_person_leaves_room_for_another_persons_message()
    {
        await using var host = await SlackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:Workers"] = "1",
            ["Slack:QueueCapacity"] = "16",
            ["Slack:MaxQueuedPerPerson"] = "4",
        });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Engine.Gate = release;

        // Alex's first turn holds the only worker; the next 29 would fill a lane of 16 many times over.
        for (var i = 0; i < 30; i++)
        {
            await host.Requests.EventAsync(SlackPayloads.DirectMessage($"EvFlood{i}", "U0ALEX", $"flood {i}", channel: "D0ALEX"));
        }

        await host.Requests.EventAsync(SlackPayloads.DirectMessage("EvSam", "U0SAM", "my case", channel: "D0SAM"));

        var busy = await host.Slack.WaitForAsync("chat.postEphemeral");
        Assert.All(busy, notice => Assert.Equal("U0ALEX", notice.Str("user")));
        release.SetResult();
        await host.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D0SAM");
        Assert.Equal(4, host.Engine.Turns.Count(t => t.UserId == "T0PRACTICE:U0ALEX"));
    }
}
