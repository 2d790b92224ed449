using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using NotesGuard.Teams.Tests.Infrastructure;

namespace NotesGuard.Robustness.Tests.Faults;

/// <summary>
/// The real app as separate processes: killed with SIGKILL in the middle of a walkthrough and started again, and
/// two processes on one shared store taking turns at one walkthrough, as instances behind a load balancer do.
/// </summary>
[Collection(SharedStoresCollection.Name)]
public sealed class ProcessTests(SharedStores stores)
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    [InlineData("AzureBlob")]
    public async Task After_kill_9_mid_walkthrough_the_restarted_app_continues_from_the_last_saved_answer(string provider)
    {
        var environment = await StoreSettingsAsync(provider);
        string beforeKill;
        Task<HttpResponseMessage> inFlight;
        await using (var app = await AppProcess.StartAsync(environment))
        {
            await SayAsync(app, "hello");
            await SayAsync(app, "1");
            beforeKill = await SayAsync(app, "1");
            Assert.Contains("Question 3 of", beforeKill, StringComparison.Ordinal);

            // One more answer is on its way when the process dies: it may or may not have been saved.
            inFlight = app.Client.PostAsJsonAsync("/chat/turn", Turn("1"));
            await app.KillHardAsync();
        }

        var answeredInFlight = await AnsweredAsync(inFlight);
        await using (var app = await AppProcess.StartAsync(environment))
        {
            var resumed = await SayAsync(app, "continue");

            // Every acknowledged answer survived; the one cut off is either in (and acknowledged) or cleanly absent.
            var expected = answeredInFlight ? "Question 4 of" : null;
            Assert.True(
                expected is null ? resumed.Contains("Question 3 of", StringComparison.Ordinal) || resumed.Contains("Question 4 of", StringComparison.Ordinal) : resumed.Contains(expected, StringComparison.Ordinal),
                $"after the restart: {resumed}");
        }

        ReliabilityResults.Record($"kill-9 {provider}", ("faultsInjected", 1), ("answersLost", 0));
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("AzureBlob")]
    public async Task Two_processes_on_one_store_taking_turns_lose_no_answer_and_reply_once(string provider)
    {
        var environment = await StoreSettingsAsync(provider);
        await using var connector = await FakeConnector.StartAsync();
        await using var a = await AppProcess.StartAsync(environment);
        await using var b = await AppProcess.StartAsync(environment);
        AppProcess[] instances = [a, b];

        // One web chat walkthrough, each answer to the other instance: every answer moves it on by one question.
        Assert.Contains("Question 1 of", await SayAsync(a, "hello"), StringComparison.Ordinal);
        for (var question = 1; question <= 3; question++)
        {
            var reply = await SayAsync(instances[question % 2], "1");
            Assert.True(reply.Contains($"Question {question + 1} of", StringComparison.Ordinal), $"answer {question} to instance {question % 2}: {reply}");
        }

        // A Teams walkthrough, every activity delivered to both instances at once (a retry landing on the other one):
        // each is answered once, and the walkthrough still moves on by one question per answer.
        var lost = 0;
        var doubled = 0;
        for (var turn = 0; turn < 4; turn++)
        {
            var activity = TeamsMessage(connector, turn == 0 ? "hello" : "1", $"two-{provider}-{turn}");
            var before = connector.Messages.Count;
            await Task.WhenAll(instances.Select(i => i.Client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"))));
            var questions = connector.Messages.Skip(before).Count(m => (m.Body?.ToJsonString() ?? "").Contains($"Question {turn + 1} of", StringComparison.Ordinal));
            lost += questions == 0 ? 1 : 0;
            doubled += questions > 1 ? 1 : 0;
        }

        ReliabilityResults.Record($"two processes {provider}", ("faultsInjected", 3 + 4), ("answersLost", lost), ("doubleReplies", doubled));
        Assert.Equal(0, lost);
        Assert.Equal(0, doubled);
    }

    private async Task<Dictionary<string, string>> StoreSettingsAsync(string provider)
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = provider,
            ["Storage__DataFolder"] = Directory.CreateTempSubdirectory("notesguard-process-").FullName,
        };
        switch (provider)
        {
            case "Postgres":
                environment["Storage__Postgres__ConnectionString"] = await stores.Postgres.NewSchemaAsync();
                break;
            case "AzureBlob":
                environment["Storage__AzureBlob__ConnectionString"] = stores.Azurite.ConnectionString;
                environment["Storage__AzureBlob__Container"] = "process-" + Guid.NewGuid().ToString("N")[..12];
                break;
        }

        return environment;
    }

    private static object Turn(string text) => new { conversationId = "process-conv", userId = "process-user", text };

    private static async Task<string> SayAsync(AppProcess app, string text)
    {
        using var response = await app.Client.PostAsJsonAsync("/chat/turn", Turn(text));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/chat/turn answered {(int)response.StatusCode}: {body}");
        return body;
    }

    private static async Task<bool> AnsweredAsync(Task<HttpResponseMessage> request)
    {
        try
        {
            using var response = await request;
            return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("Question 4 of", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static JsonObject TeamsMessage(FakeConnector connector, string text, string id) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["channelId"] = "msteams",
        ["serviceUrl"] = connector.ServiceUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal),
        ["from"] = new JsonObject { ["id"] = "29:two-processes", ["name"] = "Person" },
        ["recipient"] = new JsonObject { ["id"] = "28:notesguard", ["name"] = "NotesGuard" },
        ["conversation"] = new JsonObject { ["id"] = "a:two-processes-" + id.Split('-')[1], ["conversationType"] = "personal" },
        ["text"] = text,
    };
}
