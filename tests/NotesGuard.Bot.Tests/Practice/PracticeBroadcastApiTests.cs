using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.State;

namespace NotesGuard.Bot.Tests.Practice;

/// <summary>
/// POST /api/practice/broadcast on the real app, posting into a scripted Teams connector and the fake Slack Web API:
/// the key is required and checked, a partial failure is reported per channel, a retried key posts nothing twice,
/// and every broadcast lands in the audit trail.
/// </summary>
public sealed class PracticeBroadcastApiTests
{
    private static JsonObject IfAsked(string key) => new() { ["card"] = PracticeCards.IfAskedForNotes, ["idempotencyKey"] = key };

    [Fact]
    public async Task With_no_key_configured_every_call_is_refused_401_even_with_a_key()
    {
        await using var bot = await RunningBot.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/practice/broadcast") { Content = JsonContent.Create(IfAsked("k")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PracticeFixture.ApiKey);

        using var response = await bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("BroadcastApiKeyHash", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_key_the_answer_is_401_and_with_a_wrong_key_403_and_nothing_is_posted()
    {
        await using var practice = await PracticeFixture.StartAsync();
        var postsBefore = practice.Slack.CallsTo("chat.postMessage").Count;

        using var without = await practice.BroadcastAsync(IfAsked("k-1"), key: null);
        using var wrong = await practice.BroadcastAsync(IfAsked("k-1"), key: "not-the-practice-key-at-all-0000");

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(postsBefore, practice.Slack.CallsTo("chat.postMessage").Count);
        Assert.DoesNotContain(practice.Teams.MessagesTo(PracticeFixture.GroupB), IsPracticeCard);
    }

    [Fact]
    public async Task A_key_shorter_than_sixteen_characters_is_refused_even_when_its_hash_is_the_one_configured()
    {
        // A hash says nothing of the key's length, so the length is checked where the key is presented.
        const string ShortKey = "fifteen-chars-1";
        await using var practice = await PracticeFixture.StartAsync(new Dictionary<string, string?> { ["Practice:BroadcastApiKeyHash"] = PracticeApiKey.Hash(ShortKey) });
        var postsBefore = practice.Slack.CallsTo("chat.postMessage").Count;

        using var response = await practice.BroadcastAsync(IfAsked("short-1"), key: ShortKey);

        Assert.Equal(15, ShortKey.Length);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(postsBefore, practice.Slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task Teams_conversations_of_a_tenant_the_bot_does_not_serve_get_no_broadcast_even_when_listed_earlier()
    {
        // The fixture's Teams groups were listed with no tenant (as by a version before Teams:AllowedTenantIds, or
        // another organisation): with the list set they are refused at posting, and the Slack channel still gets it.
        await using var practice = await PracticeFixture.StartAsync(new Dictionary<string, string?> { ["Teams:AllowedTenantIds:0"] = "5e1f2a3b-0000-4000-8000-00000000beef" });

        using var response = await practice.BroadcastAsync(IfAsked("tenants-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("tenant_not_served", body, StringComparison.Ordinal);
        Assert.DoesNotContain(practice.Teams.MessagesTo(PracticeFixture.GroupA), IsPracticeCard);
        Assert.DoesNotContain(practice.Teams.MessagesTo(PracticeFixture.GroupB), IsPracticeCard);
        Assert.Single(practice.Harness.Posts(PracticeFixture.SlackChannel));
    }

    [Fact]
    public async Task A_broadcast_reports_each_channel_and_survives_one_refusing_and_one_rate_limiting()
    {
        await using var practice = await PracticeFixture.StartAsync();
        practice.Teams.Answer(PracticeFixture.GroupA, 403);
        practice.Slack.RateLimitNext("chat.postMessage", 1);

        using var response = await practice.BroadcastAsync(IfAsked("partial-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = ResultsOf(await response.Content.ReadFromJsonAsync<JsonObject>());
        Assert.Equal(3, results.Count);
        Assert.False(results[$"msteams:{PracticeFixture.GroupA}"].Posted);
        Assert.Contains("403", results[$"msteams:{PracticeFixture.GroupA}"].Error, StringComparison.Ordinal);
        Assert.True(results[$"msteams:{PracticeFixture.GroupB}"].Posted);
        Assert.True(results[$"slack:{SlackPayloads.Team}:{PracticeFixture.SlackChannel}"].Posted);
        Assert.Equal(2, practice.Harness.Posts(PracticeFixture.SlackChannel).Count);
        Assert.Contains(PracticeCards.IfAskedTitle, Shown(practice.Harness.Posts(PracticeFixture.SlackChannel)[^1].Body), StringComparison.Ordinal);
        Assert.Single(practice.Teams.MessagesTo(PracticeFixture.GroupB), IsPracticeCard);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_posts_once_and_answers_the_first_result()
    {
        await using var practice = await PracticeFixture.StartAsync();

        using var first = await practice.BroadcastAsync(IfAsked("retry-1"));
        using var retry = await practice.BroadcastAsync(IfAsked("retry-1"));
        using var reused = await practice.BroadcastAsync(new JsonObject { ["card"] = "custom", ["text"] = "Other", ["idempotencyKey"] = "retry-1" });

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var answer = await retry.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(answer!["replayed"]!.GetValue<bool>());
        Assert.Single(practice.Harness.Posts(PracticeFixture.SlackChannel));
        Assert.Single(practice.Teams.MessagesTo(PracticeFixture.GroupA), IsPracticeCard);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Single(await practice.Services.GetRequiredService<AuditTrail>().ListAsync(1));
    }

    [Fact]
    public async Task The_audit_trail_records_each_broadcast_and_never_a_case_answer()
    {
        await using var practice = await PracticeFixture.StartAsync();
        // Someone is part-way through a case in Slack: their answers are in the store.
        await practice.Harness.Requests.EventAsync(SlackPayloads.DirectMessage("Ev-case-1", "U0THERAPIST", "hello"));
        await practice.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D0DIRECT" && SlackBotHarness.ChoicesOf(c).Count > 0);

        using var first = await practice.BroadcastAsync(IfAsked("audit-1"));
        using var second = await practice.BroadcastAsync(new JsonObject { ["card"] = "custom", ["text"] = "Team meeting moved to Friday.", ["idempotencyKey"] = "audit-2" });

        var entries = await practice.Services.GetRequiredService<AuditTrail>().ListAsync(1);
        Assert.Equal(["custom", PracticeCards.IfAskedForNotes], entries.Select(e => e.Card));
        Assert.All(entries, e => Assert.Equal("api-key", e.Who));
        Assert.All(entries, e => Assert.Equal(3, e.Results.Count));
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.RulebookVersion)));

        var store = practice.Services.GetRequiredService<IStateStore>();
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var raw = System.Text.Encoding.UTF8.GetString((await store.ReadAsync(RecordKind.AuditTrail, new StateKey("practice", "audit-" + day, "")))!.Data);
        var fields = JsonNode.Parse(raw)!.AsArray().SelectMany(e => e!.AsObject().Select(p => p.Key)).ToHashSet();
        // textLength: of a custom card only how long it was, never its text (checked just below).
        Assert.Subset(new HashSet<string> { "at", "who", "via", "action", "card", "rulebookVersion", "idempotencyKey", "results", "textLength" }, fields);
        Assert.Equal([(int?)"Team meeting moved to Friday.".Length, null], entries.Select(e => e.TextLength));
        Assert.DoesNotContain("Team meeting", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("jurisdiction", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_text_is_escaped_on_both_channels()
    {
        await using var practice = await PracticeFixture.StartAsync();
        const string hostile = "<!channel> *Read this* & [click](https://evil.example) <@U0BOSS>";

        using var response = await practice.BroadcastAsync(new JsonObject { ["card"] = "custom", ["text"] = hostile, ["idempotencyKey"] = "escape-1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var slack = Shown(practice.Harness.Posts(PracticeFixture.SlackChannel).Single().Body);
        Assert.DoesNotContain("<!channel>", slack, StringComparison.Ordinal);
        Assert.DoesNotContain("<@U0BOSS>", slack, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", slack, StringComparison.Ordinal);
        // Adaptive Card TextBlocks are markdown: the link must arrive escaped there (fallbackText is plain and may hold it as typed).
        var card = practice.Teams.MessagesTo(PracticeFixture.GroupB).Single(IsPracticeCard);
        var markdown = TextBlocks(card).ToList();
        Assert.Contains(markdown, t => t.Contains("Read this", StringComparison.Ordinal));
        Assert.All(markdown, t => Assert.DoesNotContain("[click](https://evil.example)", t, StringComparison.Ordinal));
        Assert.All(markdown, t => Assert.DoesNotContain("*Read this*", t, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"card\":\"custom\",\"idempotencyKey\":\"x\"}", "needs text")]
    [InlineData("{\"card\":\"poster\",\"idempotencyKey\":\"x\"}", "card must be one of")]
    [InlineData("{\"card\":\"if-asked-for-notes\"}", "idempotencyKey")]
    [InlineData("{\"card\":\"if-asked-for-notes\",\"idempotencyKey\":\"x\",\"targets\":[\"irc:#general\"]}", "each target")]
    [InlineData("{\"card\":\"guidance-updated\",\"idempotencyKey\":\"x\"}", "PreviousRulebookPath")]
    [InlineData("not json", "must be JSON")]
    public async Task Bad_requests_get_400_naming_the_problem(string body, string expected)
    {
        await using var practice = await PracticeFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/practice/broadcast") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PracticeFixture.ApiKey);

        using var response = await practice.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chosen_conversation_NotesGuard_was_never_installed_in_gets_nothing()
    {
        await using var practice = await PracticeFixture.StartAsync();
        var body = IfAsked("chosen-1");
        body["targets"] = new JsonArray($"slack:{SlackPayloads.Team}:C0ELSEWHERE", $"slack:{SlackPayloads.Team}:{PracticeFixture.SlackChannel}");

        using var response = await practice.BroadcastAsync(body);

        var results = ResultsOf(await response.Content.ReadFromJsonAsync<JsonObject>());
        Assert.False(results[$"slack:{SlackPayloads.Team}:C0ELSEWHERE"].Posted);
        Assert.True(results[$"slack:{SlackPayloads.Team}:{PracticeFixture.SlackChannel}"].Posted);
        Assert.Empty(practice.Harness.Posts("C0ELSEWHERE"));
        Assert.DoesNotContain(practice.Teams.MessagesTo(PracticeFixture.GroupB), IsPracticeCard);
    }

    [Fact]
    public async Task After_NotesGuard_leaves_a_Slack_channel_or_is_removed_from_a_Teams_group_neither_is_posted_to()
    {
        await using var practice = await PracticeFixture.StartAsync();
        using var left = await practice.Harness.Requests.EventAsync(PracticeFixture.SlackEvent("Ev-left-1", new JsonObject
        {
            ["type"] = "channel_left",
            ["channel"] = PracticeFixture.SlackChannel,
            ["actor_id"] = "U0SOMEONE",
        }));
        var removed = practice.Message("", "groupChat", PracticeFixture.GroupA, "29:someone", null);
        removed["type"] = "conversationUpdate";
        removed.Remove("text");
        removed["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = "28:notesguard" });
        using var removedResponse = await practice.TeamsAsync(removed);
        await WaitForTargetCountAsync(practice, 1);

        using var response = await practice.BroadcastAsync(IfAsked("after-leaving-1"));

        var results = ResultsOf(await response.Content.ReadFromJsonAsync<JsonObject>());
        Assert.Equal([$"msteams:{PracticeFixture.GroupB}"], results.Keys);
        Assert.Empty(practice.Harness.Posts(PracticeFixture.SlackChannel));
    }

    [Fact]
    public async Task A_Teams_channel_NotesGuard_was_added_to_gets_a_new_post_of_its_own()
    {
        await using var practice = await PracticeFixture.StartAsync();
        const string channel = "19:general@thread.tacv2";
        var added = practice.Message("", "channel", channel, "29:someone", null);
        added["type"] = "conversationUpdate";
        added.Remove("text");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:notesguard" });
        added["channelData"] = new JsonObject { ["team"] = new JsonObject { ["id"] = channel }, ["tenant"] = new JsonObject { ["id"] = "tenant-1" } };
        using var addedResponse = await practice.TeamsAsync(added);
        await practice.WaitForTargetsAsync(4);

        using var response = await practice.BroadcastAsync(IfAsked("channel-1"));

        Assert.True(ResultsOf(await response.Content.ReadFromJsonAsync<JsonObject>())[$"msteams:{channel}"].Posted);
        var created = Assert.Single(practice.Teams.Messages, m => m.Path.EndsWith("/v3/conversations", StringComparison.Ordinal));
        Assert.Equal(channel, created.Body!["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.True(IsPracticeCard(created.Body["activity"]));
    }

    [Fact]
    public async Task A_mention_in_a_Slack_channel_lists_it_for_installs_older_than_the_membership_events()
    {
        await using var practice = await PracticeFixture.StartAsync();

        await practice.Harness.Requests.EventAsync(SlackPayloads.Mention("Ev-mention-old", "U0THERAPIST", "help", channel: "C0OLDCHANNEL"));
        await practice.WaitForTargetsAsync(4);

        using var response = await practice.BroadcastAsync(IfAsked("old-channel-1"));
        Assert.True(ResultsOf(await response.Content.ReadFromJsonAsync<JsonObject>())[$"slack:{SlackPayloads.Team}:C0OLDCHANNEL"].Posted);
    }

    private static async Task WaitForTargetCountAsync(PracticeFixture practice, int count)
    {
        var directory = practice.Services.GetRequiredService<PracticeChannelDirectory>();
        for (var i = 0; i < 200 && (await directory.ListAsync()).Count != count; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(count, (await directory.ListAsync()).Count);
    }

    [Fact]
    public async Task Guidance_updated_says_what_changed_between_the_two_rulebooks()
    {
        var previous = Path.Combine(RepositoryRoot(), "tests", "NotesGuard.Cli.Tests", "fixtures", "rulebook-2026.1.yaml");
        await using var practice = await PracticeFixture.StartAsync(new Dictionary<string, string?> { ["Practice:PreviousRulebookPath"] = previous });

        using var response = await practice.BroadcastAsync(new JsonObject { ["card"] = "guidance-updated", ["idempotencyKey"] = "updated-1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = Shown(practice.Harness.Posts(PracticeFixture.SlackChannel).Single().Body);
        Assert.Contains("2026.1", posted, StringComparison.Ordinal);
        Assert.Contains("Outcomes", posted, StringComparison.Ordinal);
    }

    /// <summary>A practice card as Teams received it (every one ends with the rulebook footer or says whom it is from).</summary>
    internal static bool IsPracticeCard(JsonNode? activity) =>
        activity?["attachments"] is not null
        && (Shown(activity).Contains("NotesGuard rulebook ", StringComparison.Ordinal) || Shown(activity).Contains("A message from", StringComparison.Ordinal));

    /// <summary>Every string in a payload, unescaped from JSON, one per line: what a person could be shown.</summary>
    internal static string Shown(JsonNode? node) => node switch
    {
        JsonObject o => string.Join("\n", o.Select(p => Shown(p.Value))),
        JsonArray a => string.Join("\n", a.Select(Shown)),
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => "",
    };

    internal static IEnumerable<string> TextBlocks(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextBlock" => [o["text"]!.GetValue<string>()],
        JsonObject o => o.SelectMany(p => TextBlocks(p.Value)),
        JsonArray a => a.SelectMany(TextBlocks),
        _ => [],
    };

    private static Dictionary<string, (bool Posted, string Error)> ResultsOf(JsonObject? answer) =>
        answer!["results"]!.AsArray().ToDictionary(
            r => r!["target"]!.GetValue<string>(),
            r => (r!["posted"]!.GetValue<bool>(), r["error"]?.GetValue<string>() ?? ""));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotesGuard.Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NotesGuard.Bot.sln not found");
    }
}
