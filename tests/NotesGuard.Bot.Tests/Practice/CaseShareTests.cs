using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Practice;
using NotesGuard.Guidance;

namespace NotesGuard.Bot.Tests.Practice;

/// <summary>
/// Sharing a finished case from a personal chat with a supervision group, on the real app with the loopback Teams
/// connector and the fake Slack Web API: the guidance card offers it, a group is picked and confirmed, the group gets
/// the card with the owner banner and the answers (never anything typed), the owner can delete it, and someone the
/// channel does not list as a member of the group cannot share into it, whatever button value they send.
/// </summary>
public sealed class CaseShareTests
{
    private const string Canary = "Jane Canary-Q7 from Leeds";
    private const string AlexAad = "0b7c1d2e-2222-4c55-9c1e-2b7d3f4a5e61";
    private const string AlexChat = "a:alex-chat";
    private const string SlackAlex = "U0ALEXSHARE";
    private const string SlackAlexDm = "D0ALEXSHARE";

    [Fact]
    public async Task In_Teams_a_therapist_shares_a_case_with_a_group_after_confirming_and_deletes_it_again()
    {
        await using var practice = await PracticeFixture.StartAsync();
        var walkthrough = await FinishTeamsCaseAsync(practice);
        var before = PostsTo(practice, PracticeFixture.GroupA);

        var share = TeamsButton(practice, AlexChat, "practice|share|");
        await practice.TeamsAsync(Click(practice, share));
        var pick = TeamsButton(practice, AlexChat, "practice|sharepick|", PracticeFixture.GroupA);
        await practice.TeamsAsync(Click(practice, pick));

        // Picking asks first: nothing is in the group until "Share now".
        Assert.Equal(before, PostsTo(practice, PracticeFixture.GroupA));
        var confirm = TeamsButton(practice, AlexChat, "practice|shareconfirm|");
        await practice.TeamsAsync(Click(practice, confirm));
        await practice.TeamsAsync(Click(practice, confirm)); // pressed twice: shared once

        Assert.Equal(before + 1, PostsTo(practice, PracticeFixture.GroupA));
        var posted = practice.Teams.MessagesTo(PracticeFixture.GroupA).Last(m => m?["attachments"] is not null);
        var shown = PracticeBroadcastApiTests.Shown(posted);
        Assert.Contains("Someone's case", shown, StringComparison.Ordinal);
        Assert.Contains(CardWords.SharedAnswers, shown, StringComparison.Ordinal);
        Assert.Contains(walkthrough.Advice.Headline, shown, StringComparison.Ordinal);
        Assert.Contains(FirstAnswerTitle(practice, walkthrough), shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Canary-Q7", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(CardWords.ShareWithGroup, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(practice.Teams.MessagesTo(PracticeFixture.GroupB), m => PracticeBroadcastApiTests.Shown(m).Contains(CardWords.SharedAnswers, StringComparison.Ordinal));
        Assert.Contains(practice.Teams.MessagesTo(AlexChat), m => PracticeBroadcastApiTests.Shown(m).Contains("already shared", StringComparison.Ordinal));

        await practice.TeamsAsync(Click(practice, TeamsButton(practice, AlexChat, "practice|unshare|")));

        Assert.Single(practice.Teams.Requests, r => r.Method == "DELETE" && r.Path.Contains($"/conversations/{PracticeFixture.GroupA}/activities/activity-", StringComparison.Ordinal));
        Assert.Contains(practice.Teams.MessagesTo(AlexChat), m => PracticeBroadcastApiTests.Shown(m).Contains("The shared card was deleted", StringComparison.Ordinal));

        var audit = await practice.Services.GetRequiredService<AuditTrail>().ListAsync(1);
        var shared = Assert.Single(audit, e => e.Action == "share");
        Assert.Equal("case:" + walkthrough.Advice.Outcome, shared.Card);
        Assert.Equal(walkthrough.Advice.RulebookVersion, shared.RulebookVersion);
        Assert.StartsWith("msteams:sha256:", shared.Who, StringComparison.Ordinal);
        Assert.True(Assert.Single(shared.Results).Posted);
        Assert.Single(audit, e => e.Action == "unshare" && e.Results.Single().Posted);
        Assert.All(audit, e => Assert.DoesNotContain(AlexAad, e.Who, StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_Teams_a_therapist_who_is_not_a_member_of_a_group_cannot_share_into_it()
    {
        await using var practice = await PracticeFixture.StartAsync();
        // Teams is asked about Alex by their Teams user id (from.id), the id the Agents Playground answers for too.
        practice.Teams.NotMember(PracticeFixture.GroupB, "29:alex");
        await FinishTeamsCaseAsync(practice);
        var before = PostsTo(practice, PracticeFixture.GroupB);
        var share = TeamsButton(practice, AlexChat, "practice|share|");
        var caseId = share.Split('|')[2];

        await practice.TeamsAsync(Click(practice, share));
        // The pick list offers only the group Teams lists Alex in; a forged "Share now" for the other is refused.
        Assert.DoesNotContain(AllValues(practice, AlexChat), v => v.Contains(PracticeFixture.GroupB, StringComparison.Ordinal));
        Assert.Contains(AllValues(practice, AlexChat), v => v.Contains(PracticeFixture.GroupA, StringComparison.Ordinal));
        await practice.TeamsAsync(Click(practice, $"practice|shareconfirm|{caseId}|msteams:{PracticeFixture.GroupB}|{Guid.NewGuid():N}"));

        Assert.Equal(before, PostsTo(practice, PracticeFixture.GroupB));
        Assert.Contains(practice.Teams.MessagesTo(AlexChat), m => PracticeBroadcastApiTests.Shown(m).Contains(PracticeCaseSharing.NotAMember, StringComparison.Ordinal));
        var refused = Assert.Single(await practice.Services.GetRequiredService<AuditTrail>().ListAsync(1));
        Assert.Equal("refused: not_a_member", refused.Results.Single().Error);
    }

    [Fact]
    public async Task In_Teams_someone_else_cannot_delete_a_shared_case_or_share_a_case_that_is_not_theirs()
    {
        await using var practice = await PracticeFixture.StartAsync();
        await FinishTeamsCaseAsync(practice);
        await practice.TeamsAsync(Click(practice, TeamsButton(practice, AlexChat, "practice|share|")));
        await practice.TeamsAsync(Click(practice, TeamsButton(practice, AlexChat, "practice|sharepick|", PracticeFixture.GroupA)));
        var confirm = TeamsButton(practice, AlexChat, "practice|shareconfirm|");
        await practice.TeamsAsync(Click(practice, confirm));
        var unshare = TeamsButton(practice, AlexChat, "practice|unshare|");

        const string SamAad = "0b7c1d2e-3333-4c55-9c1e-2b7d3f4a5e61";
        await practice.TeamsAsync(Click(practice, unshare, "a:sam-chat", "29:sam", SamAad));
        // Sam replays Alex's confirmation with a fresh id: Sam has no such case, so nothing is shared.
        await practice.TeamsAsync(Click(practice, string.Join('|', confirm.Split('|')[..^1]) + $"|{Guid.NewGuid():N}", "a:sam-chat", "29:sam", SamAad));

        Assert.DoesNotContain(practice.Teams.Requests, r => r.Method == "DELETE");
        Assert.Single(practice.Teams.MessagesTo(PracticeFixture.GroupA), m => PracticeBroadcastApiTests.Shown(m).Contains(CardWords.SharedAnswers, StringComparison.Ordinal));
        var shown = practice.Teams.MessagesTo("a:sam-chat").Select(PracticeBroadcastApiTests.Shown).ToList();
        Assert.Contains(shown, s => s.Contains("Only the person who shared", StringComparison.Ordinal));
        Assert.Contains(shown, s => s.Contains(PracticeCaseSharing.CaseGone, StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_forget_me_the_sharer_can_no_longer_delete_through_NotesGuard_because_the_share_record_is_gone()
    {
        await using var practice = await PracticeFixture.StartAsync();
        await FinishTeamsCaseAsync(practice);
        await practice.TeamsAsync(Click(practice, TeamsButton(practice, AlexChat, "practice|share|")));
        await practice.TeamsAsync(Click(practice, TeamsButton(practice, AlexChat, "practice|sharepick|", PracticeFixture.GroupA)));
        await practice.TeamsAsync(Click(practice, TeamsButton(practice, AlexChat, "practice|shareconfirm|")));
        var unshare = TeamsButton(practice, AlexChat, "practice|unshare|");

        // "forget me" deletes every record the person owns, the record of what they shared included.
        await practice.TeamsAsync(practice.Message("forget me", "personal", AlexChat, "29:alex", AlexAad));
        await practice.TeamsAsync(Click(practice, unshare));

        Assert.DoesNotContain(practice.Teams.Requests, r => r.Method == "DELETE");
        var shown = practice.Teams.MessagesTo(AlexChat).Select(PracticeBroadcastApiTests.Shown).ToList();
        Assert.Contains(shown, s => s.Contains("no longer knows that shared card", StringComparison.Ordinal));
        // And "forget me" said so when it happened: the card may still be in the group, out of the person's reach.
        Assert.Contains(shown, s => s.Contains("deleted everything I kept about you", StringComparison.Ordinal) && s.Contains("still posted there", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forget_me_without_a_shared_case_says_nothing_of_shared_cases()
    {
        await using var practice = await PracticeFixture.StartAsync();
        await FinishTeamsCaseAsync(practice);

        await practice.TeamsAsync(practice.Message("forget me", "personal", AlexChat, "29:alex", AlexAad));

        var forgotten = Assert.Single(practice.Teams.MessagesTo(AlexChat).Select(PracticeBroadcastApiTests.Shown), s => s.Contains("deleted everything I kept about you", StringComparison.Ordinal));
        Assert.DoesNotContain("shared", forgotten, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Slack_a_member_shares_a_case_into_a_channel_and_deletes_it_and_a_non_member_is_refused()
    {
        await using var practice = await PracticeFixture.StartAsync();
        var walkthrough = await FinishSlackCaseAsync(practice);

        // conversations.members does not list Alex: the share is refused, nothing is posted.
        var share = await SlackButtonAsync(practice, "practice|share|");
        await ClickSlackAsync(practice, share);
        await practice.Slack.WaitForAsync(c => PracticeBroadcastApiTests.Shown(c.Body).Contains("not in any group chat or channel you are a member of", StringComparison.Ordinal));
        var caseId = share.Value.Split('|')[2];
        await ClickSlackAsync(practice, ("ng-button:1", $"practice|shareconfirm|{caseId}|slack:{SlackPayloads.Team}:{PracticeFixture.SlackChannel}|{Guid.NewGuid():N}"));
        await practice.Slack.WaitForAsync(c => PracticeBroadcastApiTests.Shown(c.Body).Contains(PracticeCaseSharing.NotAMember, StringComparison.Ordinal));
        Assert.Empty(practice.Harness.Posts(PracticeFixture.SlackChannel));

        // Now Slack lists Alex in the channel (on a second page, as a big channel would).
        practice.Slack.AnswerNext("conversations.members", new JsonObject
        {
            ["ok"] = true, ["members"] = new JsonArray("U0OTHER"), ["response_metadata"] = new JsonObject { ["next_cursor"] = "page2" },
        });
        practice.Slack.AnswerNext("conversations.members", new JsonObject { ["ok"] = true, ["members"] = new JsonArray(SlackAlex, "U0OTHER") });
        await ClickSlackAsync(practice, share);
        var pick = await SlackButtonAsync(practice, "practice|sharepick|");
        Assert.Contains(PracticeFixture.SlackChannel, pick.Value, StringComparison.Ordinal);
        practice.Slack.AnswerNext("conversations.members", new JsonObject { ["ok"] = true, ["members"] = new JsonArray(SlackAlex) });
        await ClickSlackAsync(practice, pick);
        var confirm = await SlackButtonAsync(practice, "practice|shareconfirm|");
        Assert.Empty(practice.Harness.Posts(PracticeFixture.SlackChannel));
        practice.Slack.AnswerNext("conversations.members", new JsonObject { ["ok"] = true, ["members"] = new JsonArray(SlackAlex) });
        await ClickSlackAsync(practice, confirm);

        var posted = (await practice.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == PracticeFixture.SlackChannel))[0];
        var shown = PracticeBroadcastApiTests.Shown(posted.Body);
        Assert.Contains("'s case", shown, StringComparison.Ordinal);
        Assert.Contains(CardWords.SharedAnswers, shown, StringComparison.Ordinal);
        Assert.Contains(FirstAnswerTitle(practice, walkthrough), shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Canary-Q7", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("practice|", shown, StringComparison.Ordinal);

        await ClickSlackAsync(practice, await SlackButtonAsync(practice, "practice|unshare|"));
        var deleted = (await practice.Slack.WaitForAsync("chat.delete"))[0];
        Assert.Equal(PracticeFixture.SlackChannel, deleted.Str("channel"));
        Assert.Equal(posted.AnsweredTs, deleted.Str("ts"));
        await practice.Slack.WaitForAsync(c => PracticeBroadcastApiTests.Shown(c.Body).Contains("The shared card was deleted", StringComparison.Ordinal));

        var audit = await practice.Services.GetRequiredService<AuditTrail>().ListAsync(1);
        Assert.Single(audit, e => e.Action == "share" && e.Results.Single().Error == "refused: not_a_member");
        Assert.Single(audit, e => e.Action == "share" && e.Results.Single().Posted && e.Card == "case:" + walkthrough.Advice.Outcome);
        Assert.Single(audit, e => e.Action == "unshare" && e.Results.Single().Posted);
        Assert.All(audit, e => Assert.StartsWith("slack:sha256:", e.Who, StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_Teams_the_pick_list_shows_each_group_by_the_name_Teams_gives_it_and_a_neutral_label_when_it_gives_none()
    {
        const string Named = "19:named-group@thread.v2";
        const string Name = "Supervision <b>Tuesdays</b> & *co*";
        var logs = new CapturingLoggerProvider();
        await using var practice = await PracticeFixture.StartAsync(configure: builder => builder.Logging.AddProvider(logs));
        var mention = practice.Mention("help", Named, "29:someone", null);
        mention["conversation"]!["name"] = Name;
        (await practice.TeamsAsync(mention)).EnsureSuccessStatusCode();
        // A later message without a name keeps the one Teams gave.
        (await practice.TeamsAsync(practice.Mention("help", Named, "29:someone", null))).EnsureSuccessStatusCode();
        await practice.WaitForTargetsAsync(4);
        await FinishTeamsCaseAsync(practice);

        await practice.TeamsAsync(Click(practice, TeamsButton(practice, AlexChat, "practice|share|")));

        Assert.Equal(Name, TeamsButtonTitle(practice, "practice|sharepick|", Named));
        Assert.Equal("Group chat (…up-b)", TeamsButtonTitle(practice, "practice|sharepick|", PracticeFixture.GroupB));
        await practice.TeamsAsync(Click(practice, TeamsButton(practice, AlexChat, "practice|sharepick|", Named)));
        var confirm = practice.Teams.MessagesTo(AlexChat)[^1]!.ToJsonString();
        // In the card's markdown text the name's markup is escaped, so it reads as typed.
        Assert.Contains(JsonValue.Create(@"Share this case with Supervision \<b\>Tuesdays\</b\> & \*co\*?")!.ToJsonString()[1..^1], confirm, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Messages, m => m.Contains("Tuesdays", StringComparison.Ordinal));
        // The topic could be a client's name: shown from this instance's memory, never written to the store.
        await AssertNoStoredFileHoldsAsync(practice, "Tuesdays");
    }

    [Fact]
    public async Task In_Slack_the_pick_list_asks_conversations_info_for_a_name_once_and_the_name_is_never_stored()
    {
        const string Supervision = "C0SUPERVISE";
        await using var practice = await PracticeFixture.StartAsync();
        await practice.Harness.Requests.EventAsync(PracticeFixture.SlackEvent("Ev-join-named", new JsonObject
        {
            ["type"] = "member_joined_channel", ["user"] = SlackPayloads.BotUser, ["channel"] = Supervision, ["channel_type"] = "C", ["team"] = SlackPayloads.Team,
        }));
        await practice.WaitForTargetsAsync(4);
        await FinishSlackCaseAsync(practice);
        // Joining asks nothing: the name is asked when a pick list needs it, per listed channel in order.
        Assert.Empty(practice.Slack.CallsTo("conversations.info"));
        practice.Slack.FailNext("conversations.info", "channel_not_found");
        practice.Slack.AnswerNext("conversations.info", new JsonObject
        {
            ["ok"] = true, ["channel"] = new JsonObject { ["id"] = Supervision, ["name"] = "supervision-kq3-<!channel>" },
        });

        var titles = await SlackPickListAsync(practice);

        Assert.Equal("#supervision-kq3-<!channel>", titles[$"slack:{SlackPayloads.Team}:{Supervision}"]);
        Assert.Equal("Slack channel (…TICE)", titles[$"slack:{SlackPayloads.Team}:{PracticeFixture.SlackChannel}"]);
        var info = Assert.Single(practice.Slack.CallsTo("conversations.info"), c => c.Str("channel") == Supervision);
        // Form-encoded, as Slack's read methods need.
        Assert.DoesNotContain("{", info.RawBody, StringComparison.Ordinal);

        // The answers, "no name" too, are held in memory: the next pick list asks nothing and shows the same.
        Assert.Equal(titles, await SlackPickListAsync(practice));
        Assert.Equal(2, practice.Slack.CallsTo("conversations.info").Count);
        await AssertNoStoredFileHoldsAsync(practice, "kq3");
    }

    /// <summary>Asks for the pick list, Slack listing Alex in both channels, and gives each group's button title.</summary>
    private static async Task<Dictionary<string, string>> SlackPickListAsync(PracticeFixture practice)
    {
        static bool IsPickList(FakeSlackCall c) => ButtonsOf(c).Any(b => b.Value.StartsWith("practice|sharepick|", StringComparison.Ordinal));
        var before = (await practice.Slack.WaitForAsync(IsPickList, count: 0)).Count;
        foreach (var _ in new[] { 1, 2 })
        {
            practice.Slack.AnswerNext("conversations.members", new JsonObject { ["ok"] = true, ["members"] = new JsonArray(SlackAlex) });
        }

        await ClickSlackAsync(practice, await SlackButtonAsync(practice, "practice|share|"));
        var pickList = (await practice.Slack.WaitForAsync(IsPickList, count: before + 1))[^1];
        return SlackBotHarness.Buttons(pickList.Body).ToDictionary(b => b["value"]!.GetValue<string>().Split('|')[^1], b => b["text"]!["text"]!.GetValue<string>());
    }

    /// <summary>Every file of the app's store (the SQLite database and its journal), read as bytes, lacks <paramref name="text"/>.</summary>
    private static async Task AssertNoStoredFileHoldsAsync(PracticeFixture practice, string text)
    {
        await practice.Harness.QueueDrainedAsync();
        var files = Directory.EnumerateFiles(practice.Harness.Bot.DataFolder, "*", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.True(copy.ToArray().AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) < 0, $"{Path.GetFileName(file)} holds a group's name");
        }
    }

    private static string TeamsButtonTitle(PracticeFixture practice, string valuePrefix, string containing) =>
        practice.Teams.MessagesTo(AlexChat).SelectMany(m => Actions(m))
            .Last(a => a["data"]?["notesguard"]?.GetValue<string>() is { } v && v.StartsWith(valuePrefix, StringComparison.Ordinal) && v.Contains(containing, StringComparison.Ordinal))
            ["title"]!.GetValue<string>();

    private static IEnumerable<JsonObject> Actions(JsonNode? node) => node switch
    {
        JsonObject o when o["data"]?["notesguard"] is JsonValue => [o],
        JsonObject o => o.SelectMany(p => Actions(p.Value)),
        JsonArray a => a.SelectMany(Actions),
        _ => [],
    };

    private static int PostsTo(PracticeFixture practice, string group) =>
        practice.Teams.Requests.Count(r => r.Method == "POST" && r.Path.Contains($"/conversations/{group}/activities", StringComparison.Ordinal));

    private static Walkthrough AWalkthrough(PracticeFixture practice) =>
        ((Advisor)practice.Services.GetRequiredService<IAdvisor>()).Walkthroughs().First();

    private static string FirstAnswerTitle(PracticeFixture practice, Walkthrough walkthrough)
    {
        var (questionId, value) = walkthrough.Answers[0];
        return practice.Services.GetRequiredService<IAdvisor>().GetQuestion(questionId).Choices.Single(c => c.Value == value).Title;
    }

    private static IEnumerable<string> TypedAnswers(PracticeFixture practice, Walkthrough walkthrough)
    {
        var advisor = practice.Services.GetRequiredService<IAdvisor>();
        return walkthrough.Answers.Select(a => advisor.GetQuestion(a.Key).Choices.Single(c => c.Value == a.Value).Title);
    }

    /// <summary>Alex types a walkthrough to its guidance card in a personal chat, with a client's name typed on the way.</summary>
    private static async Task<Walkthrough> FinishTeamsCaseAsync(PracticeFixture practice)
    {
        var walkthrough = AWalkthrough(practice);
        foreach (var text in (string[])["hello", Canary, .. TypedAnswers(practice, walkthrough), "Show the guidance"])
        {
            using var response = await practice.TeamsAsync(practice.Message(text, "personal", AlexChat, "29:alex", AlexAad));
            response.EnsureSuccessStatusCode();
        }

        Assert.Contains(practice.Teams.MessagesTo(AlexChat), m => PracticeBroadcastApiTests.Shown(m).Contains(walkthrough.Advice.Headline, StringComparison.Ordinal));
        return walkthrough;
    }

    private static async Task<Walkthrough> FinishSlackCaseAsync(PracticeFixture practice)
    {
        var walkthrough = AWalkthrough(practice);
        var i = 0;
        foreach (var text in (string[])["hello", Canary, .. TypedAnswers(practice, walkthrough), "Show the guidance"])
        {
            var before = practice.Slack.Calls.Count(c => c.Str("channel") == SlackAlexDm);
            i++;
            await practice.Harness.Requests.EventAsync(SlackPayloads.DirectMessage($"Ev-share-{i}", SlackAlex, text, channel: SlackAlexDm, ts: $"1700003000.{i:D6}"));
            await practice.Slack.WaitForAsync(c => c.Str("channel") == SlackAlexDm, before + 1);
        }

        await practice.Slack.WaitForAsync(c => c.Str("channel") == SlackAlexDm && PracticeBroadcastApiTests.Shown(c.Body).Contains(walkthrough.Advice.Headline, StringComparison.Ordinal));
        return walkthrough;
    }

    private static async Task<(string ActionId, string Value)> SlackButtonAsync(PracticeFixture practice, string valuePrefix)
    {
        var calls = await practice.Slack.WaitForAsync(c => ButtonsOf(c).Any(b => b.Value.StartsWith(valuePrefix, StringComparison.Ordinal)));
        return ButtonsOf(calls[^1]).Last(b => b.Value.StartsWith(valuePrefix, StringComparison.Ordinal));
    }

    private static int _clicks;

    private static async Task ClickSlackAsync(PracticeFixture practice, (string ActionId, string Value) button)
    {
        using var response = await practice.Harness.Requests.InteractionAsync(SlackPayloads.Click(
            SlackAlex, button.ActionId, button.Value, SlackAlexDm, "1700003000.000001", actionTs: $"1700004000.{Interlocked.Increment(ref _clicks):D6}"));
        response.EnsureSuccessStatusCode();
    }

    private static IEnumerable<(string ActionId, string Value)> ButtonsOf(FakeSlackCall call) =>
        SlackBotHarness.Buttons(call.Body).Select(b => (b["action_id"]!.GetValue<string>(), b["value"]?.GetValue<string>() ?? ""));

    private static string TeamsButton(PracticeFixture practice, string conversation, string valuePrefix, string? containing = null) =>
        AllValues(practice, conversation).Last(v => v.StartsWith(valuePrefix, StringComparison.Ordinal) && (containing is null || v.Contains(containing, StringComparison.Ordinal)));

    private static List<string> AllValues(PracticeFixture practice, string conversation) =>
        [.. practice.Teams.MessagesTo(conversation).SelectMany(Values)];

    private static IEnumerable<string> Values(JsonNode? node) => node switch
    {
        JsonObject o when o["notesguard"] is JsonValue v => [v.GetValue<string>()],
        JsonObject o => o.SelectMany(p => Values(p.Value)),
        JsonArray a => a.SelectMany(Values),
        _ => [],
    };

    private static JsonObject Click(PracticeFixture practice, string value, string conversation = AlexChat, string user = "29:alex", string? aad = AlexAad)
    {
        var activity = practice.Message("", "personal", conversation, user, aad);
        activity.Remove("text");
        activity["value"] = new JsonObject { ["notesguard"] = value };
        return activity;
    }
}
