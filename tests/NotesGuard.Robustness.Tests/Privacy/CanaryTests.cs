using System.Text;
using System.Text.Json.Nodes;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Teams.Tests.Infrastructure;

namespace NotesGuard.Robustness.Tests.Privacy;

/// <summary>
/// A person types a unique canary everywhere a person can type — free-text answers, junk, their display name — in the
/// web chat, Slack and Teams, on the real app process with each store. Afterwards the canary is in no stored byte
/// (the SQLite folder with its -wal, every Blob container, every PostgreSQL table) and in no line the app logged at
/// Debug level, while the answers themselves (codes) are stored and the requests are logged.
/// </summary>
[Collection(SharedStoresCollection.Name)]
public sealed class CanaryTests(SharedStores stores)
{
    /// <summary>Web chat 4 (typed answers and junk), Slack 5 (DM, mention, command text, two display names), Teams 2 (text, name).</summary>
    private const int CanariesTyped = 11;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("AzureBlob")]
    [InlineData("Postgres")]
    public async Task A_canary_typed_in_every_channel_ends_up_in_no_store_and_no_log(string provider)
    {
        var canary = "Canary" + Guid.NewGuid().ToString("N")[..16];
        var dataFolder = Directory.CreateTempSubdirectory("notesguard-canary-").FullName;
        var container = "canary-" + Guid.NewGuid().ToString("N")[..12];
        await using var slack = await FakeSlackWebApi.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = provider,
            ["Storage__DataFolder"] = dataFolder,
            ["Storage__AzureBlob__ConnectionString"] = stores.Azurite.ConnectionString,
            ["Storage__AzureBlob__Container"] = container,
            ["Storage__Postgres__ConnectionString"] = await stores.Postgres.NewSchemaAsync(),
            ["Slack__SigningSecret"] = SlackBotHarness.SigningSecret,
            ["Slack__BotToken"] = SlackBotHarness.BotToken,
            ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__Microsoft"] = "Debug",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
            ["Logging__LogLevel__System"] = "Debug",
        };
        if (provider != "AzureBlob")
        {
            environment.Remove("Storage__AzureBlob__ConnectionString");
        }

        if (provider != "Postgres")
        {
            environment.Remove("Storage__Postgres__ConnectionString");
        }

        string output;
        await using (var app = await AppProcess.StartAsync(environment))
        {
            await WebChatAsync(app, canary);
            await SlackAsync(app, slack, canary);
            await TeamsAsync(app, connector, canary);
            await app.StopAsync();
            output = app.Output;
        }

        var stored = provider switch
        {
            "AzureBlob" => await stores.Azurite.DumpAsync(),
            "Postgres" => await stores.Postgres.DumpAsync(),
            _ => "",
        } + await FilesAsync(dataFolder);

        var leaks = (stored.Contains(canary, StringComparison.OrdinalIgnoreCase) ? 1 : 0) + (output.Contains(canary, StringComparison.OrdinalIgnoreCase) ? 1 : 0);
        ReliabilityResults.Record($"privacy {provider}", ("canariesTyped", CanariesTyped), ("leaks", leaks));

        // The checks can see: answer codes are stored, and requests are logged.
        Assert.Contains("england-wales", stored, StringComparison.Ordinal);
        Assert.Contains("/chat/turn", output, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(canary, output, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task WebChatAsync(AppProcess app, string canary)
    {
        var chat = new WebChatHttpClient(app.Client, "canary-web", "canary-web-user");
        await chat.SaysAsync($"hello, this is about my client {canary}");
        await chat.SaysAsync(canary);
        await chat.ClicksAsync("England or Wales");
        await chat.SaysAsync($"the police asked about {canary} yesterday");
        await chat.ClicksAsync("The police");

        // A second person leaves a walkthrough open, so something is stored when the app stops.
        var other = new WebChatHttpClient(app.Client, "canary-web-2", "canary-web-user-2");
        await other.SaysAsync("hello");
        await other.ClicksAsync("England or Wales");
        await other.SaysAsync($"{canary} {canary}");
    }

    private static async Task SlackAsync(AppProcess app, FakeSlackWebApi slack, string canary)
    {
        var requests = new SignedSlackRequests(app.Client, SlackBotHarness.SigningSecret);
        var dm = SlackPayloads.DirectMessage("EvCanary1", "U0CANARY", $"my client {canary} needs help", "D0CANARY", "1700000001.000100");
        dm["event"]!["user_profile"] = new JsonObject { ["display_name"] = canary, ["real_name"] = canary };
        await requests.EventAsync(dm);
        var mention = SlackPayloads.Mention("EvCanary2", "U0CANARY", $"new case for {canary}", "C0CANARY", "1700000002.000100");
        mention["event"]!["user_profile"] = new JsonObject { ["display_name"] = canary };
        await requests.EventAsync(mention);
        await requests.CommandAsync(SlackPayloads.SlashCommand("U0CANARY", canary, "C0CANARY", slack.ResponseUrl("canary")));
        await slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D0CANARY", 2, 30_000);
        await slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "C0CANARY", 2, 30_000);
    }

    private static async Task TeamsAsync(AppProcess app, FakeConnector connector, string canary)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "canary-1",
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.ServiceUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal),
            ["from"] = new JsonObject { ["id"] = "29:canary", ["name"] = canary },
            ["recipient"] = new JsonObject { ["id"] = "28:notesguard", ["name"] = "NotesGuard" },
            ["conversation"] = new JsonObject { ["id"] = "19:canary@thread.v2", ["conversationType"] = "groupChat" },
            ["text"] = $"<at>NotesGuard</at> new case about {canary}",
            ["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = "<at>NotesGuard</at>", ["mentioned"] = new JsonObject { ["id"] = "28:notesguard" } }),
        };
        using var first = await app.Client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(first.IsSuccessStatusCode, $"Teams answered {(int)first.StatusCode}");
        activity["id"] = "canary-2";
        activity["text"] = $"<at>NotesGuard</at> {canary}";
        using var second = await app.Client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(second.IsSuccessStatusCode, $"Teams answered {(int)second.StatusCode}");
        Assert.Contains(connector.Messages, m => (m.Body?.ToJsonString() ?? "").Contains(canary, StringComparison.Ordinal));
    }

    /// <summary>Every byte of every file under the folder (the SQLite database, its -wal and -shm, the key ring).</summary>
    private static async Task<string> FilesAsync(string folder)
    {
        var all = new StringBuilder();
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            all.AppendLine(file).AppendLine(Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)));
        }

        return all.ToString();
    }
}
