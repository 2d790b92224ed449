using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Guidance;

namespace NotesGuard.Bot.Tests.Host;

/// <summary>A walkthrough survives the app stopping: the same SQLite file, a new process-worth of app.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public async Task A_walkthrough_stopped_halfway_continues_where_it_stopped_after_a_restart()
    {
        var dataFolder = Directory.CreateTempSubdirectory("notesguard-persist-").FullName;
        string questionBeforeStop;
        await using (var bot = await RunningBot.StartAsync(dataFolder: dataFolder))
        {
            var chat = new WebChatHttpClient(bot.Client);
            await chat.SaysAsync("hello");
            await chat.ClicksAsync("England or Wales");
            await chat.ClicksAsync("The police");
            await chat.SaysAsync("no");
            questionBeforeStop = chat.QuestionText!;
            Assert.StartsWith("Question 4 of about", chat.ProgressText, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(dataFolder, "notesguard-state.db")));

        await using (var bot = await RunningBot.StartAsync(dataFolder: dataFolder))
        {
            var chat = new WebChatHttpClient(bot.Client);
            await chat.SaysAsync("continue");
            Assert.Equal(questionBeforeStop, chat.QuestionText);
            Assert.StartsWith("Question 4 of about", chat.ProgressText, StringComparison.Ordinal);

            await chat.SaysAsync("suspect");
            await chat.SaysAsync("no");
            Assert.NotNull(chat.Reply("review"));
            await chat.ClicksAsync("Show the guidance");
            Assert.Equal("suspect-records-request", chat.Reply("guidance")!["outcome"]!.GetValue<string>());
            var labels = ((Advisor)bot.Services.GetRequiredService<IAdvisor>()).Rulebook.HandOverNotesLabels;
            var verdict = chat.Reply("guidance")!["card"]!["sections"]!.AsArray().Single(s => (string?)s!["kind"] == "verdict")!;
            Assert.Equal(labels["no"], verdict["lines"]![0]!["text"]!.GetValue<string>());
        }
    }
}
