using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Tests.Infrastructure;
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

    private static long Count(string database, string table)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
