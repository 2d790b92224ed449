using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Conversations.Practice;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Bot.Tests.Practice;

/// <summary>
/// "post guidance", "guidance" and "audit" typed in Teams and Slack on the real app: an admin chooses a card, confirms
/// and it is posted everywhere NotesGuard is; anyone else is told politely who can, and nothing is posted, whatever
/// button value they send.
/// </summary>
public sealed class PracticeChatCommandTests
{
    private const string SlackTherapist = "U0THERAPIST";

    [Fact]
    public async Task A_Slack_admin_chooses_confirms_and_the_card_is_posted_to_every_channel_once()
    {
        await using var practice = await PracticeFixture.StartAsync();

        await practice.Harness.Requests.EventAsync(SlackPayloads.DirectMessage("Ev-post-1", PracticeFixture.SlackAdmin, "post guidance", channel: "D0ADMIN"));
        var choose = await ClickSlackAsync(practice, PracticeFixture.SlackAdmin, "D0ADMIN", "practice|choose|if-asked-for-notes", "1700002000.000001");
        var confirm = await ClickSlackAsync(practice, PracticeFixture.SlackAdmin, "D0ADMIN", "practice|confirm|if-asked-for-notes|", "1700002000.000002");
        // A second press of the same "Post now" (or Slack redelivering it) posts nothing more.
        await practice.Harness.Requests.InteractionAsync(SlackPayloads.Click(PracticeFixture.SlackAdmin, confirm.ActionId, confirm.Value, "D0ADMIN", "1700000000.000009", actionTs: "1700002000.000003"));
        await practice.Slack.WaitForAsync(c => PracticeBroadcastApiTests.Shown(c.Body).Contains("already posted", StringComparison.Ordinal));

        Assert.StartsWith("practice|choose|", choose.Value, StringComparison.Ordinal);
        var posted = Assert.Single(practice.Harness.Posts(PracticeFixture.SlackChannel));
        Assert.Contains(PracticeCards.IfAskedTitle, PracticeBroadcastApiTests.Shown(posted.Body), StringComparison.Ordinal);
        Assert.Single(practice.Teams.MessagesTo(PracticeFixture.GroupA), PracticeBroadcastApiTests.IsPracticeCard);
        var audit = Assert.Single(await practice.Services.GetRequiredService<AuditTrail>().ListAsync(1));
        Assert.Equal("slack", audit.Via);
        Assert.StartsWith("slack:sha256:", audit.Who, StringComparison.Ordinal);
        Assert.DoesNotContain(PracticeFixture.SlackAdmin, audit.Who, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Slack_user_who_is_not_an_admin_is_told_who_can_and_a_forged_confirm_posts_nothing()
    {
        await using var practice = await PracticeFixture.StartAsync();

        await practice.Harness.Requests.EventAsync(SlackPayloads.DirectMessage("Ev-post-2", SlackTherapist, "post guidance", channel: "D0THERAPIST"));
        await practice.Slack.WaitForAsync(c => PracticeBroadcastApiTests.Shown(c.Body).Contains("Only your practice's NotesGuard admins", StringComparison.Ordinal));
        await practice.Harness.Requests.InteractionAsync(SlackPayloads.Click(SlackTherapist, "ng-button:1", "practice|confirm|if-asked-for-notes|forged", "D0THERAPIST", "1700000000.000010", actionTs: "1700002100.000001"));
        await practice.Slack.WaitForAsync(c => PracticeBroadcastApiTests.Shown(c.Body).Contains("Only your practice's NotesGuard admins", StringComparison.Ordinal), count: 2);

        Assert.Empty(practice.Harness.Posts(PracticeFixture.SlackChannel));
        Assert.DoesNotContain(practice.Teams.MessagesTo(PracticeFixture.GroupA), PracticeBroadcastApiTests.IsPracticeCard);
        Assert.Empty(await practice.Services.GetRequiredService<AuditTrail>().ListAsync(1));
        Assert.All(practice.Slack.Calls, c => Assert.DoesNotContain(PracticeFixture.SlackAdmin, c.RawBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Teams_admin_posts_guidance_from_a_personal_chat()
    {
        await using var practice = await PracticeFixture.StartAsync();

        await practice.TeamsAsync(practice.Message("post guidance", "personal", "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));
        var choose = TeamsButton(practice, "a:admin-chat", "practice|choose|if-asked-for-notes");
        await practice.TeamsAsync(Click(practice, choose, "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));
        var confirm = TeamsButton(practice, "a:admin-chat", "practice|confirm|if-asked-for-notes|");
        await practice.TeamsAsync(Click(practice, confirm, "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));

        Assert.Single(practice.Teams.MessagesTo(PracticeFixture.GroupA), PracticeBroadcastApiTests.IsPracticeCard);
        Assert.Single(practice.Teams.MessagesTo(PracticeFixture.GroupB), PracticeBroadcastApiTests.IsPracticeCard);
        Assert.Single(practice.Harness.Posts(PracticeFixture.SlackChannel));
        Assert.Contains(practice.Teams.MessagesTo("a:admin-chat"), m => PracticeBroadcastApiTests.Shown(m).Contains("Posted to 3 of 3", StringComparison.Ordinal));
        Assert.Equal("msteams", Assert.Single(await practice.Services.GetRequiredService<AuditTrail>().ListAsync(1)).Via);
    }

    [Fact]
    public async Task In_a_Teams_group_admin_commands_are_answered_only_with_go_to_your_personal_chat_since_everyone_would_see_the_replies()
    {
        await using var practice = await PracticeFixture.StartAsync();
        using var broadcast = await practice.BroadcastAsync(new JsonObject { ["card"] = "custom", ["text"] = "Hello", ["idempotencyKey"] = "group-audit-1" });
        var before = practice.Teams.MessagesTo(PracticeFixture.GroupA).Count;

        await practice.TeamsAsync(practice.Message("audit", "groupChat", PracticeFixture.GroupA, "29:admin", PracticeFixture.TeamsAdminAad));
        await practice.TeamsAsync(practice.Message("post guidance", "groupChat", PracticeFixture.GroupA, "29:admin", PracticeFixture.TeamsAdminAad));
        await practice.TeamsAsync(practice.Message("Post card: Supervision moves to Thursday", "groupChat", PracticeFixture.GroupA, "29:admin", PracticeFixture.TeamsAdminAad));

        // Someone who is not an admin gets the same answer there, so the group does not learn who is one.
        await practice.TeamsAsync(practice.Message("audit", "groupChat", PracticeFixture.GroupA, "29:sam", "0b7c1d2e-1111-4c55-9c1e-2b7d3f4a5e61"));

        var shown = practice.Teams.MessagesTo(PracticeFixture.GroupA).Skip(before).Select(PracticeBroadcastApiTests.Shown).ToList();
        Assert.Equal(4, shown.Count);
        Assert.All(shown, s => Assert.Contains("personal chat with NotesGuard", s, StringComparison.Ordinal));
        Assert.All(shown, s => Assert.DoesNotContain("broadcast 'custom'", s, StringComparison.Ordinal));
        Assert.All(shown, s => Assert.DoesNotContain("Supervision moves", s, StringComparison.Ordinal));
        Assert.DoesNotContain(practice.Teams.MessagesTo(PracticeFixture.GroupA).Skip(before), m => PracticeBroadcastApiTests.Shown(m).Contains(PracticeCards.IfAskedTitle, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admins_post_now_left_in_the_chat_expires_so_a_stray_press_weeks_later_posts_nothing()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var practice = await PracticeFixture.StartAsync(configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        await practice.TeamsAsync(practice.Message("post guidance", "personal", "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));
        await practice.TeamsAsync(Click(practice, TeamsButton(practice, "a:admin-chat", "practice|choose|if-asked-for-notes"), "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));
        var confirm = TeamsButton(practice, "a:admin-chat", "practice|confirm|if-asked-for-notes|");
        var parts = confirm.Split('|');
        var future = string.Join('|', parts[..^1]) + "|" + clock.GetUtcNow().AddDays(60).ToUnixTimeSeconds();
        var withoutTime = string.Join('|', parts[..^1]);

        clock.Advance(TimeSpan.FromMinutes(31));
        await practice.TeamsAsync(Click(practice, confirm, "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));
        await practice.TeamsAsync(Click(practice, future, "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));
        await practice.TeamsAsync(Click(practice, withoutTime, "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));

        var shown = practice.Teams.MessagesTo("a:admin-chat").Select(PracticeBroadcastApiTests.Shown).ToList();
        Assert.Equal(3, shown.Count(s => s.Contains("That confirmation has expired; nothing was posted", StringComparison.Ordinal)));
        Assert.DoesNotContain(practice.Teams.MessagesTo(PracticeFixture.GroupA), PracticeBroadcastApiTests.IsPracticeCard);
        Assert.Empty(practice.Harness.Posts(PracticeFixture.SlackChannel));
    }

    [Fact]
    public async Task In_Teams_someone_else_is_refused_even_with_the_admins_button_but_anyone_can_ask_for_guidance()
    {
        await using var practice = await PracticeFixture.StartAsync();

        await practice.TeamsAsync(practice.Message("post guidance", "personal", "a:sam-chat", "29:sam", "0b7c1d2e-1111-4c55-9c1e-2b7d3f4a5e61"));
        await practice.TeamsAsync(Click(practice, "practice|confirm|if-asked-for-notes|forged", "a:sam-chat", "29:sam", "0b7c1d2e-1111-4c55-9c1e-2b7d3f4a5e61"));
        await practice.TeamsAsync(practice.Message("guidance", "personal", "a:sam-chat", "29:sam", null));

        var shown = practice.Teams.MessagesTo("a:sam-chat").Select(PracticeBroadcastApiTests.Shown).ToList();
        Assert.Equal(2, shown.Count(s => s.Contains("Only your practice's NotesGuard admins", StringComparison.Ordinal)));
        Assert.Contains(shown, s => s.Contains(PracticeCards.IfAskedTitle, StringComparison.Ordinal) && s.Contains("Whoever is asking", StringComparison.Ordinal));
        Assert.DoesNotContain(practice.Teams.MessagesTo(PracticeFixture.GroupA), PracticeBroadcastApiTests.IsPracticeCard);
        Assert.Empty(practice.Harness.Posts(PracticeFixture.SlackChannel));
    }

    [Fact]
    public async Task An_admin_lists_the_audit_trail_in_chat()
    {
        await using var practice = await PracticeFixture.StartAsync();
        using var broadcast = await practice.BroadcastAsync(new JsonObject { ["card"] = "custom", ["text"] = "Hello", ["idempotencyKey"] = "audit-chat-1" });

        await practice.TeamsAsync(practice.Message("audit", "personal", "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));

        var shown = PracticeBroadcastApiTests.Shown(practice.Teams.MessagesTo("a:admin-chat")[^1]);
        Assert.Contains("broadcast 'custom'", shown, StringComparison.Ordinal);
        Assert.Contains("by api-key via api: posted to 3 of 3", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Teams_admin_writes_a_card_of_their_own_confirms_it_and_its_text_is_posted_escaped_but_kept_nowhere()
    {
        const string Canary = "Rooms-Canary-Z9";
        const string Text = "Supervision moves to *Thursday* [here](https://evil.example) <at>all</at> & " + Canary;
        await using var practice = await PracticeFixture.StartAsync();

        await practice.TeamsAsync(practice.Message("post guidance", "personal", "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));
        await practice.TeamsAsync(Click(practice, TeamsButton(practice, "a:admin-chat", "practice|choose|custom"), "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));
        Assert.Contains("post card:", PracticeBroadcastApiTests.Shown(practice.Teams.MessagesTo("a:admin-chat")[^1]), StringComparison.Ordinal);
        await practice.TeamsAsync(practice.Message("Post card: " + Text, "personal", "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));
        // Asked first: nothing is posted until "Post now".
        Assert.DoesNotContain(practice.Teams.MessagesTo(PracticeFixture.GroupA), PracticeBroadcastApiTests.IsPracticeCard);
        var postNow = TeamsButton(practice, "a:admin-chat", "practice|confirmcustom|");
        await practice.TeamsAsync(Click(practice, postNow, "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));
        await practice.TeamsAsync(Click(practice, postNow, "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));

        var posted = Assert.Single(practice.Teams.MessagesTo(PracticeFixture.GroupA), PracticeBroadcastApiTests.IsPracticeCard);
        var markdown = PracticeBroadcastApiTests.TextBlocks(posted).ToList();
        Assert.Contains(markdown, t => t.Contains(Canary, StringComparison.Ordinal));
        Assert.All(markdown, t => Assert.DoesNotContain("[here](https://evil.example)", t, StringComparison.Ordinal));
        Assert.All(markdown, t => Assert.DoesNotContain("*Thursday*", t, StringComparison.Ordinal));
        Assert.Single(practice.Harness.Posts(PracticeFixture.SlackChannel));
        Assert.Contains(practice.Teams.MessagesTo("a:admin-chat"), m => PracticeBroadcastApiTests.Shown(m).Contains("already posted", StringComparison.Ordinal));

        // The audit trail says a custom card of that length was posted, never what it said; nor does any stored record.
        var audit = Assert.Single(await practice.Services.GetRequiredService<AuditTrail>().ListAsync(1));
        Assert.Equal(("custom", Text.Length), (audit.Card, audit.TextLength));
        Assert.Contains($"'custom' ({Text.Length} characters)", AuditTrail.Describe(audit), StringComparison.Ordinal);
        await practice.Harness.QueueDrainedAsync();
        foreach (var file in Directory.EnumerateFiles(practice.Harness.Bot.DataFolder, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.True(copy.ToArray().AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Canary)) < 0, $"{Path.GetFileName(file)} holds the custom card's text");
        }
    }

    [Fact]
    public async Task A_custom_card_confirmation_expires_and_only_admins_can_write_one()
    {
        await using var practice = await PracticeFixture.StartAsync();

        // A "Post now" issued long ago (or forged with an old time) posts nothing.
        await practice.TeamsAsync(Click(practice, $"practice|confirmcustom|{Guid.NewGuid():N}|1700000000|Old news", "a:admin-chat", "29:admin", PracticeFixture.TeamsAdminAad));
        await practice.TeamsAsync(practice.Message("post card: Hello from Sam", "personal", "a:sam-chat", "29:sam", "0b7c1d2e-1111-4c55-9c1e-2b7d3f4a5e61"));
        await practice.TeamsAsync(Click(practice, $"practice|confirmcustom|{Guid.NewGuid():N}|{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}|Forged", "a:sam-chat", "29:sam", "0b7c1d2e-1111-4c55-9c1e-2b7d3f4a5e61"));

        Assert.Contains("expired", PracticeBroadcastApiTests.Shown(practice.Teams.MessagesTo("a:admin-chat")[^1]), StringComparison.Ordinal);
        Assert.Equal(2, practice.Teams.MessagesTo("a:sam-chat").Count(m => PracticeBroadcastApiTests.Shown(m).Contains("Only your practice's NotesGuard admins", StringComparison.Ordinal)));
        Assert.DoesNotContain(practice.Teams.MessagesTo(PracticeFixture.GroupA), PracticeBroadcastApiTests.IsPracticeCard);
        Assert.Empty(practice.Harness.Posts(PracticeFixture.SlackChannel));
        Assert.Empty(await practice.Services.GetRequiredService<AuditTrail>().ListAsync(1));
    }

    [Fact]
    public async Task A_Slack_admin_writes_a_card_with_the_slash_command_and_it_arrives_as_typed()
    {
        await using var practice = await PracticeFixture.StartAsync();

        // Slack escapes & < > in what it sends; the card shows what was typed, escaped once again for the post.
        await practice.Harness.Requests.CommandAsync(SlackPayloads.SlashCommand(PracticeFixture.SlackAdmin, "post card: Fees &amp; rooms &lt;!channel&gt;", "D0ADMIN", practice.Slack.ResponseUrl("custom-1")));
        await ClickSlackAsync(practice, PracticeFixture.SlackAdmin, "D0ADMIN", "practice|confirmcustom|", "1700002200.000001");
        // The admin's answer comes after every post and the audit entry.
        await practice.Slack.WaitForAsync(c => PracticeBroadcastApiTests.Shown(c.Body).Contains("Posted to 3 of 3", StringComparison.Ordinal));

        var posted = PracticeBroadcastApiTests.Shown(Assert.Single(practice.Harness.Posts(PracticeFixture.SlackChannel)).Body);
        Assert.Contains("Fees &amp; rooms &lt;!channel&gt;", posted, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;amp;", posted, StringComparison.Ordinal);
        Assert.DoesNotContain("<!channel>", posted, StringComparison.Ordinal);
        Assert.Equal("slack", Assert.Single(await practice.Services.GetRequiredService<AuditTrail>().ListAsync(1)).Via);
    }

    private static async Task<(string ActionId, string Value)> ClickSlackAsync(PracticeFixture practice, string user, string channel, string valuePrefix, string actionTs)
    {
        var calls = await practice.Slack.WaitForAsync(c => ButtonsOf(c).Any(b => b.Value.StartsWith(valuePrefix, StringComparison.Ordinal)));
        var message = calls[^1];
        var button = ButtonsOf(message).First(b => b.Value.StartsWith(valuePrefix, StringComparison.Ordinal));
        await practice.Harness.Requests.InteractionAsync(SlackPayloads.Click(user, button.ActionId, button.Value, channel, message.AnsweredTs ?? "1700000000.000001", actionTs: actionTs));
        return button;
    }

    private static IEnumerable<(string ActionId, string Value)> ButtonsOf(FakeSlackCall call) =>
        SlackBotHarness.Buttons(call.Body).Select(b => (b["action_id"]!.GetValue<string>(), b["value"]?.GetValue<string>() ?? ""));

    private static string TeamsButton(PracticeFixture practice, string conversation, string valuePrefix) =>
        practice.Teams.MessagesTo(conversation)
            .SelectMany(m => Values(m))
            .Last(v => v.StartsWith(valuePrefix, StringComparison.Ordinal));

    private static IEnumerable<string> Values(JsonNode? node) => node switch
    {
        JsonObject o when o["notesguard"] is JsonValue v => [v.GetValue<string>()],
        JsonObject o => o.SelectMany(p => Values(p.Value)),
        JsonArray a => a.SelectMany(Values),
        _ => [],
    };

    private static JsonObject Click(PracticeFixture practice, string value, string conversation, string user, string? aad)
    {
        var activity = practice.Message("", "personal", conversation, user, aad);
        activity.Remove("text");
        activity["value"] = new JsonObject { ["notesguard"] = value };
        return activity;
    }
}
