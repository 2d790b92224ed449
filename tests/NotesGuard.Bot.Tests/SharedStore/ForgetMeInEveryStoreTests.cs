using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Data.Sqlite;
using Npgsql;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Conversations.Tests.State.Servers;

namespace NotesGuard.Bot.Tests.SharedStore;

/// <summary>
/// "forget me" in Teams, on each provider, read back from the storage itself (every SQLite table, every PostgreSQL
/// table in the schema, every blob's name, metadata and body): nothing that names the person is left, while the
/// group's reference and a colleague's walkthrough stay.
/// </summary>
public sealed class ForgetMeInEveryStoreTests(PostgresServer postgres, AzuriteServer azurite)
    : IClassFixture<PostgresServer>, IClassFixture<AzuriteServer>, IAsyncLifetime
{
    private const string Person = "29:forget-canary";
    private const string Colleague = "29:sam";
    private const string Group = "19:forget-group@thread.v2";

    private FakeBotConnector _connector = null!;
    private int _ids;

    public async Task InitializeAsync() => _connector = await FakeBotConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    [InlineData("AzureBlob")]
    public async Task After_forget_me_no_stored_record_names_the_person(string provider)
    {
        var (settings, storedMentions) = await StoreAsync(provider);
        settings["Letters:PublicBaseUrl"] = "https://notesguard.example.org";
        await using var bot = await RunningBot.StartAsync(settings);
        await PostAsync(bot, Installed("a:forget-personal", Person));
        await PostAsync(bot, Message("hello", "personal", "a:forget-personal", Person));

        // To the card, whose documents card stores the person's download links too.
        foreach (var text in new[] { "england or wales", "defence", "no", "no", "yes" })
        {
            await PostAsync(bot, Message(text, "personal", "a:forget-personal", Person));
        }

        Assert.Contains(_connector.Messages, m => m.Body?["summary"]?.GetValue<string>() == "Documents for this case");
        await PostAsync(bot, Message("<at>NotesGuard</at> new case", "groupChat", Group, Person));
        await PostAsync(bot, Message("<at>NotesGuard</at> new case", "groupChat", Group, Colleague));
        var before = await storedMentions(bot, Person);
        Assert.Contains(before, m => m.Contains("letter_link", StringComparison.Ordinal));

        await PostAsync(bot, Message("forget me", "personal", "a:forget-personal", Person));

        Assert.Empty(await storedMentions(bot, Person));
        Assert.NotEmpty(await storedMentions(bot, Colleague));
        Assert.NotEmpty(await storedMentions(bot, Group));
    }

    /// <summary>The settings for a provider, and how to find every stored place that holds some id (or its hash).</summary>
    private async Task<(Dictionary<string, string?> Settings, Func<RunningBot, string, Task<List<string>>> Mentions)> StoreAsync(string provider)
    {
        switch (provider)
        {
            case "Postgres":
                var connectionString = await postgres.NewSchemaAsync();
                return (new() { ["Storage:Provider"] = "Postgres", ["Storage:Postgres:ConnectionString"] = connectionString },
                    (_, id) => PostgresMentionsAsync(connectionString, id));
            case "AzureBlob":
                var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient($"forget-{Guid.NewGuid():N}");
                return (new() { ["Storage:Provider"] = "AzureBlob", ["Storage:AzureBlob:ConnectionString"] = azurite.ConnectionString, ["Storage:AzureBlob:Container"] = container.Name },
                    (_, id) => BlobMentionsAsync(container, id));
            default:
                return ([], (bot, id) => Task.FromResult(SqliteMentions(Path.Combine(bot.DataFolder, "notesguard-state.db"), id)));
        }
    }

    private static List<string> SqliteMentions(string path, string id)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var found = new List<string>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            found.AddRange(Mentions(reader, table, id));
        }

        return found;
    }

    private static async Task<List<string>> PostgresMentionsAsync(string connectionString, string id)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var tables = new List<string>();
        await using (var list = dataSource.CreateCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("notesguard_walkthrough", tables);
        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var select = dataSource.CreateCommand($"SELECT * FROM \"{table}\"");
            await using var reader = await select.ExecuteReaderAsync();
            found.AddRange(Mentions(reader, table, id));
        }

        return found;
    }

    private static async Task<List<string>> BlobMentionsAsync(BlobContainerClient container, string id)
    {
        // Blob names and owner metadata hold SHA-256 hashes of ids: a hash that stays would still single the person out.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        var found = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix: null, CancellationToken.None))
        {
            var body = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
            if (blob.Name.Contains(hash, StringComparison.Ordinal) || blob.Metadata.Values.Any(v => v == hash || v.Contains(id, StringComparison.Ordinal)) ||
                body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id)) >= 0)
            {
                found.Add(blob.Name);
            }
        }

        return found;
    }

    private static List<string> Mentions(System.Data.Common.DbDataReader reader, string table, string id)
    {
        var needle = Encoding.UTF8.GetBytes(id);
        var found = new List<string>();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var bytes = reader.GetValue(i) switch
                {
                    byte[] blob => blob,
                    string text => Encoding.UTF8.GetBytes(text),
                    _ => [],
                };
                if (bytes.AsSpan().IndexOf(needle) >= 0)
                {
                    found.Add($"{table}.{reader.GetName(i)}");
                }
            }
        }

        return found;
    }

    private Task<HttpResponseMessage> PostAsync(RunningBot bot, JsonObject activity) => bot.Client.PostAsJsonAsync("/api/messages", activity);

    private JsonObject Installed(string conversationId, string userId)
    {
        var activity = Message("", "personal", conversationId, userId);
        activity.Remove("text");
        activity["type"] = "conversationUpdate";
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:notesguard" });
        return activity;
    }

    private JsonObject Message(string text, string conversationType, string conversationId, string userId)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = $"teams-{Interlocked.Increment(ref _ids)}",
            ["channelId"] = "msteams",
            ["serviceUrl"] = _connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = "Pat" },
            ["recipient"] = new JsonObject { ["id"] = "28:notesguard", ["name"] = "NotesGuard" },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = conversationType },
            ["text"] = text,
        };
        if (text.StartsWith("<at>", StringComparison.Ordinal))
        {
            activity["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = "<at>NotesGuard</at>",
                ["mentioned"] = new JsonObject { ["id"] = "28:notesguard", ["name"] = "NotesGuard" },
            });
        }

        return activity;
    }
}
