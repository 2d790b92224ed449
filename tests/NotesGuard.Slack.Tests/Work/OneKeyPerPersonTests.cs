using Microsoft.Extensions.Options;
using NotesGuard.Slack.Work;

namespace NotesGuard.Slack.Tests.Work;

/// <summary>
/// A slash-command restart and the same person's click in the walkthrough's thread must never run side by side:
/// each lane is worked one item at a time, so both have to land in the same lane, the restart first.
/// </summary>
public sealed class OneKeyPerPersonTests
{
    [Fact]
    public void A_restart_and_a_click_by_the_same_person_share_one_lane_in_the_order_they_came()
    {
        // 64 lanes and 20 people: keys that differ by kind of work would split at least one pair (odds of all
        // twenty landing together by chance are about 64^-20), so this cannot pass by luck.
        var queue = new SlackWorkQueue(Options.Create(new SlackOptions { Workers = 64, QueueCapacity = 64 * 8, MaxQueuedPerPerson = 8 }));
        var people = Enumerable.Range(0, 20).Select(i => $"U0PERSON{i}").ToList();
        foreach (var user in people)
        {
            Assert.True(queue.TryEnqueue(new StartCaseWork("T0", user, "turn-restart", "restart", "C0SUPERVISION", null)));
            var thread = new SlackPlace("T0", "C0SUPERVISION", "1700000000.000100");
            Assert.True(queue.TryEnqueue(new TurnWork(thread, user, "turn-click", ActionValue: "answer:yes", ClickedMessageTs: "1700000000.000200")));
        }

        queue.Complete();
        var laneOf = new Dictionary<string, List<(int Lane, SlackWork Work)>>(StringComparer.Ordinal);
        for (var lane = 0; lane < queue.LaneCount; lane++)
        {
            while (queue.Lane(lane).TryRead(out var work))
            {
                (laneOf.TryGetValue(work.UserId, out var seen) ? seen : laneOf[work.UserId] = []).Add((lane, work));
            }
        }

        foreach (var user in people)
        {
            var items = laneOf[user];
            Assert.Equal(2, items.Count);
            Assert.Equal(items[0].Lane, items[1].Lane);
            Assert.IsType<StartCaseWork>(items[0].Work);
            Assert.IsType<TurnWork>(items[1].Work);
        }
    }
}
