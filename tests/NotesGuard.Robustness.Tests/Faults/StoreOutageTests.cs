using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Teams.Tests.Infrastructure;

namespace NotesGuard.Robustness.Tests.Faults;

/// <summary>
/// The store goes away under the running app — PostgreSQL stopped, Azurite stopped, the SQLite file locked by another
/// writer. A person answering meanwhile, in any channel, is told to send the answer again (never a 500, never
/// silence); the answers saved before are all still there; and once the store is back the next answer is taken
/// without restarting anything.
/// </summary>
[Collection(SharedStoresCollection.Name)]
public sealed class StoreOutageTests(SharedStores stores)
{
    private const string TryAgain = "save that just now";

    [Fact]
    public async Task Postgres_stopped_mid_walkthrough_gets_a_polite_retry_in_every_channel_and_loses_nothing() =>
        await OutageAsync(
            "pg",
            new() { ["Storage:Provider"] = "Postgres", ["Storage:Postgres:ConnectionString"] = await stores.Postgres.NewSchemaAsync() },
            stores.Postgres.StopAsync,
            stores.Postgres.StartAsync);

    [Fact]
    public async Task Azurite_stopped_mid_walkthrough_gets_a_polite_retry_in_every_channel_and_loses_nothing() =>
        await OutageAsync(
            "blob",
            new()
            {
                ["Storage:Provider"] = "AzureBlob",
                ["Storage:AzureBlob:ConnectionString"] = stores.Azurite.ConnectionString,
                ["Storage:AzureBlob:Container"] = "outage-" + Guid.NewGuid().ToString("N")[..12],
            },
            stores.Azurite.StopAsync,
            stores.Azurite.StartAsync);

    [Fact]
    public async Task A_blob_container_deleted_under_the_app_gets_a_polite_retry_then_works_again()
    {
        var container = "deleted-" + Guid.NewGuid().ToString("N")[..12];
        await using var bot = await RunningBot.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = stores.Azurite.ConnectionString,
            ["Storage:AzureBlob:Container"] = container,
        });
        var person = new ChannelPeopleWebOnly(bot.Client);
        Assert.Contains("Question 1 of", await person.SaysAsync("hello"), StringComparison.Ordinal);

        // An operator's mistake, or storage lost by the service: everything stored is gone.
        await new Azure.Storage.Blobs.BlobContainerClient(stores.Azurite.ConnectionString, container).DeleteAsync();
        var first = await person.SaysAsync("1");
        var next = await person.SaysAsync("hello");

        // Not silence (read as a duplicate delivery): asked to try again, then a fresh start works.
        Assert.Contains(TryAgain, first, StringComparison.Ordinal);
        Assert.Contains("Question 1 of", next, StringComparison.Ordinal);
        ReliabilityResults.Record("outage blob container deleted", ("faultsInjected", 1));
    }

    [Fact]
    public async Task A_sqlite_file_locked_by_another_writer_gets_a_polite_retry_and_loses_nothing()
    {
        var logs = new CapturingLoggerProvider();
        await using var bot = await RunningBot.StartAsync(configure: builder => builder.Logging.AddProvider(logs));
        var person = new ChannelPeopleWebOnly(bot.Client);
        await person.SaysAsync("hello");
        Assert.Contains("Question 2 of", await person.SaysAsync("1"), StringComparison.Ordinal);

        // Another process takes the write lock and keeps it past the app's busy timeout.
        var database = Path.Combine(bot.DataFolder, "notesguard-state.db");
        string duringLock;
        await using (var locker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
        {
            await locker.OpenAsync();
            await using var begin = locker.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
            duringLock = await person.SaysAsync("1");
        }

        var after = await person.SaysAsync("1");

        Assert.True(duringLock.Contains(TryAgain, StringComparison.Ordinal), duringLock + "\n" + string.Join("\n", logs.Messages.TakeLast(20)));
        Assert.Contains("Question 3 of", after, StringComparison.Ordinal);
        ReliabilityResults.Record("outage sqlite", ("faultsInjected", 1), ("answersLost", 0));
    }

    private static async Task OutageAsync(string tag, Dictionary<string, string?> storage, Func<Task> stop, Func<Task> start)
    {
        await using var slack = await FakeSlackWebApi.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        storage["Slack:SigningSecret"] = SlackBotHarness.SigningSecret;
        storage["Slack:BotToken"] = SlackBotHarness.BotToken;
        storage["Slack:ApiBaseUrl"] = slack.ApiBaseUrl;
        var logs = new CapturingLoggerProvider();
        await using var bot = await RunningBot.StartAsync(storage, configure: builder => builder.Logging.AddProvider(logs));
        var people = new ChannelPeople(bot.Client, slack, connector, tag);
        try
        {
            await WalkThroughOutageAsync(people, stop, start);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{ex.Message}\napp log:\n{string.Join("\n", logs.Messages.TakeLast(40))}", ex);
        }

        ReliabilityResults.Record($"outage {tag}", ("faultsInjected", 3), ("answersLost", 0));
    }

    private static async Task WalkThroughOutageAsync(ChannelPeople people, Func<Task> stop, Func<Task> start)
    {
        AssertEach(await people.SayAsync("hello"), "Question 1 of");
        AssertEach(await people.SayAsync("1"), "Question 2 of");

        await stop();
        (string Web, string Slack, string Teams) during;
        try
        {
            during = await people.SayAsync("1");
        }
        finally
        {
            await start();
        }

        // Back by itself: the same answer again is taken at the question it was given for. A pooled connection that
        // died with the old server may fail once more; the person is then asked again, and the next try goes through.
        var after = await people.SayAsync("1");
        for (var attempt = 0; attempt < 2 && new[] { after.Web, after.Slack, after.Teams }.Any(s => s.Contains(TryAgain, StringComparison.Ordinal)); attempt++)
        {
            after = await people.SayAsync("1");
        }

        AssertEach(during, TryAgain);
        AssertEach(after, "Question 3 of");
    }

    private static void AssertEach((string Web, string Slack, string Teams) seen, string expected)
    {
        Assert.True(seen.Web.Contains(expected, StringComparison.Ordinal), $"web chat saw: {seen.Web}");
        Assert.True(seen.Slack.Contains(expected, StringComparison.Ordinal), $"Slack saw: {seen.Slack}");
        Assert.True(seen.Teams.Contains(expected, StringComparison.Ordinal), $"Teams saw: {seen.Teams}");
    }

    /// <summary>The web chat alone: SQLite serialises this process's writes, so one locked write at a time is enough.</summary>
    private sealed class ChannelPeopleWebOnly(HttpClient bot)
    {
        private readonly ChannelPeople _people = new(bot, null!, null!, "sqlite");

        public Task<string> SaysAsync(string text) => _people.WebAsync(text);
    }
}
