using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Bot.Tests.Host;

/// <summary>The running app deletes expired walkthroughs from its SQLite file on its own.</summary>
public sealed class PurgeTests
{
    [Fact]
    public async Task Expired_walkthroughs_are_deleted_from_the_file_by_the_purge_service()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var bot = await RunningBot.StartAsync(
            new Dictionary<string, string?> { ["Storage:PurgeInterval"] = "00:00:01", ["Storage:TimeToLive"] = "02:00:00" },
            configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var chat = new WebChatHttpClient(bot.Client);
        await chat.SaysAsync("hello");
        await chat.ClicksAsync("England or Wales");
        var database = Path.Combine(bot.DataFolder, "notesguard-state.db");
        Assert.Equal(1L, Count(database, "record_walkthrough"));

        clock.Advance(TimeSpan.FromHours(3));

        // Wait for the service's next tick (it runs every second); polling, not a timing assertion.
        var waited = Stopwatch.StartNew();
        while ((Count(database, "record_walkthrough") > 0 || Count(database, "delivery_id") > 0) && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        Assert.Equal(0L, Count(database, "record_walkthrough"));
        Assert.Equal(0L, Count(database, "delivery_id"));
    }

    [Fact]
    public async Task Group_names_an_older_version_kept_in_the_practice_list_are_removed_when_the_app_starts()
    {
        var folder = Directory.CreateTempSubdirectory("notesguard-test-").FullName;
        var database = Path.Combine(folder, "notesguard-state.db");
        var list = new StateKey("msteams", "practice-channels", "");
        const string Legacy = """[{"conversationId":"19:chat@thread.v2","addedAt":"2026-01-01T00:00:00+00:00","name":"Case conf J Doe","nameAskedAt":"2026-01-01T00:00:00+00:00"}]""";
        using (var store = new SqliteStateStore(database, TimeProvider.System))
        {
            await store.TryWriteAsync(RecordKind.PracticeChannel, list, "", System.Text.Encoding.UTF8.GetBytes(Legacy), null, TimeSpan.FromDays(400));
        }

        SqliteConnection.ClearAllPools();
        await using var bot = await RunningBot.StartAsync(dataFolder: folder);
        var store2 = bot.Services.GetRequiredService<IStateStore>();

        // Nothing else touches the list: the app does it on its own, in the background; polling, not a timing assertion.
        var waited = Stopwatch.StartNew();
        string stored;
        do
        {
            stored = System.Text.Encoding.UTF8.GetString((await store2.ReadAsync(RecordKind.PracticeChannel, list))!.Data);
            await Task.Delay(50);
        }
        while (stored.Contains("Case conf", StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromSeconds(30));

        Assert.DoesNotContain("Case conf", stored, StringComparison.Ordinal);
        Assert.Contains("19:chat@thread.v2", stored, StringComparison.Ordinal);
    }

    private static long Count(string database, string table)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
