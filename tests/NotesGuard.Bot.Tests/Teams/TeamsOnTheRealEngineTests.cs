using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Bot.Tests.Teams;

/// <summary>
/// The Teams channel inside the real app (real engine, SQLite store): retries answered once, the welcome
/// once, and in a supervision group nobody can answer someone else's case by clicking their card.
/// </summary>
public sealed class TeamsOnTheRealEngineTests : IAsyncLifetime
{
    private FakeBotConnector _connector = null!;
    private RunningBot _bot = null!;
    private int _ids;

    public async Task InitializeAsync()
    {
        _connector = await FakeBotConnector.StartAsync();
        _bot = await RunningBot.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Teams_retrying_a_slow_turn_gets_it_answered_once()
    {
        var hello = Message("hello", "personal", "a:alex-personal", "29:alex", "Alex");

        using var first = await PostAsync(hello);
        var afterFirst = _connector.Messages.Count;
        using var retry = await PostAsync(hello);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.True(afterFirst >= 2, "the first delivery gets the welcome and the first question");
        Assert.Equal(afterFirst, _connector.Messages.Count);
    }

    [Fact]
    public async Task In_a_group_a_click_on_someone_elses_card_does_not_answer_their_case()
    {
        const string group = "19:supervision@thread.v2";
        await PostAsync(Mention("new case", group, "29:alex", "Alex"));
        var alexsQuestion = _connector.Messages.Last(m => m.Body?["attachments"] is not null);
        Assert.StartsWith("Alex's case", Shown(alexsQuestion.Body), StringComparison.Ordinal);
        // The first answer button, wherever the card's layout puts it.
        var alexsButton = Descendants(alexsQuestion.Body!["attachments"]![0]!["content"]!["body"])
            .First(o => o["type"]?.GetValue<string>() == "Action.Submit")["data"]!.DeepClone();
        var before = _connector.Messages.Count;

        var samClicks = Message("", "groupChat", group, "29:sam", "Sam");
        samClicks.Remove("text");
        samClicks["value"] = alexsButton;
        samClicks["replyToId"] = "alexs-card";
        await PostAsync(samClicks);

        var answer = _connector.Messages.Skip(before).ToList();
        Assert.DoesNotContain(answer, m => m.Method == "PUT");
        Assert.True(
            answer.Any(m => Shown(m.Body).Contains("belongs to Alex's case", StringComparison.Ordinal)),
            string.Join("\n", answer.Select(m => $"{m.Method} {m.Body}")));
    }

    [Fact]
    public async Task Forget_me_typed_in_Teams_deletes_the_walkthrough()
    {
        await PostAsync(Message("hello", "personal", "a:forget", "29:forget", "Pat"));

        await PostAsync(Message("forget me", "personal", "a:forget", "29:forget", "Pat"));

        Assert.Contains(_connector.Messages, m => Shown(m.Body).Contains("deleted everything", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Activities_with_the_same_id_in_two_peoples_chats_are_both_answered_and_a_repeat_in_one_chat_once()
    {
        var toAlice = Message("hello", "personal", "a:alice-personal", "29:alice", "Alice");
        var toBob = Message("hello", "personal", "a:bob-personal", "29:bob", "Bob");
        toAlice["id"] = "1";
        toBob["id"] = "1";

        await PostAsync(toAlice);
        var answeredAlice = SentTo("a:alice-personal");
        await PostAsync(toBob);
        await PostAsync(toAlice);

        Assert.True(answeredAlice >= 2, "Alice gets the welcome and the first question");
        Assert.Equal(answeredAlice, SentTo("a:bob-personal"));
        Assert.Equal(answeredAlice, SentTo("a:alice-personal"));
    }

    private int SentTo(string conversationId) =>
        _connector.Messages.Count(m => m.RawPath.Contains($"/conversations/{Uri.EscapeDataString(conversationId)}/", StringComparison.Ordinal));

    [Fact]
    public async Task A_Teams_body_claiming_to_be_Slack_cannot_forget_a_Slack_users_walkthrough()
    {
        // Slack state as the Slack channel keys it; the Teams body names the same ids and says channelId "slack".
        var store = _bot.Services.GetRequiredService<IStateStore>();
        var slackWalkthrough = new StateKey("slack", "T0VICTIM:D0VICTIM", "T0VICTIM:U0VICTIM");
        Assert.NotNull(await store.TryWriteAsync(slackWalkthrough, [1, 2, 3], null, TimeSpan.FromHours(1)));
        var forged = Message("forget me", "personal", slackWalkthrough.ConversationId, slackWalkthrough.UserId, "Mallory");
        forged["channelId"] = "slack";

        using var response = await PostAsync(forged);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(_connector.Messages, m => Shown(m.Body).Contains("deleted everything", StringComparison.Ordinal));
        Assert.NotNull(await store.ReadAsync(slackWalkthrough));
    }

    [Fact]
    public async Task Asking_for_Teams_in_Production_without_an_App_ID_stops_the_app_and_names_the_key()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(
            () => RunningBot.StartAsync(new Dictionary<string, string?> { ["Teams:Enabled"] = "true" }, "Production"));

        Assert.Contains("Teams:AppId", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Production_without_an_App_ID_there_is_no_unauthenticated_Teams_endpoint()
    {
        await using var production = await RunningBot.StartAsync(environment: "Production");

        using var response = await production.Client.PostAsJsonAsync("/api/messages", Message("hello", "personal", "a:prod", "29:x", "X"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>What the message says first: its text, or for a card the summary.</summary>
    private static string Shown(JsonNode? activity) =>
        activity?["text"]?.GetValue<string>() ?? activity?["summary"]?.GetValue<string>() ?? "";

    private Task<HttpResponseMessage> PostAsync(JsonObject activity) => _bot.Client.PostAsJsonAsync("/api/messages", activity);

    private JsonObject Message(string text, string conversationType, string conversationId, string userId, string userName) => new()
    {
        ["type"] = "message",
        ["id"] = $"teams-{Interlocked.Increment(ref _ids)}-{Guid.NewGuid():N}",
        ["channelId"] = "msteams",
        ["serviceUrl"] = _connector.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = userId, ["name"] = userName },
        ["recipient"] = new JsonObject { ["id"] = "28:notesguard", ["name"] = "NotesGuard" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = conversationType },
        ["text"] = text,
    };

    private JsonObject Mention(string text, string conversationId, string userId, string userName)
    {
        var activity = Message($"<at>NotesGuard</at> {text}", "groupChat", conversationId, userId, userName);
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>NotesGuard</at>",
            ["mentioned"] = new JsonObject { ["id"] = "28:notesguard", ["name"] = "NotesGuard" },
        });
        return activity;
    }

    private static IEnumerable<JsonObject> Descendants(JsonNode? node)
    {
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        if (node is JsonObject self)
        {
            yield return self;
        }

        foreach (var descendant in children.SelectMany(Descendants))
        {
            yield return descendant;
        }
    }
}
