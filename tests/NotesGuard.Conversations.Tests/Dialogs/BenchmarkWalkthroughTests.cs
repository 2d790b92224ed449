using System.Text.RegularExpressions;
using NotesGuard.Conversations.Tests.Infrastructure;

namespace NotesGuard.Conversations.Tests.Dialogs;

/// <summary>
/// tests/benchmarks/run measures whole walkthroughs: the words its wrk script types (turns.lua) and the buttons its
/// sink clicks in Action.Execute runs (sink.js) must still walk the shipped rulebook to the guidance card. A
/// rulebook change that left them re-asking a question would make the benchmark measure retries; the run itself
/// checks this too, but only when someone runs it.
/// </summary>
public sealed partial class BenchmarkWalkthroughTests : IDisposable
{
    private readonly TestEngine _engine = new();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task The_benchmarks_typed_walkthrough_answers_one_question_a_turn_to_the_card_and_starts_again()
    {
        var lua = File.ReadAllText(BenchmarkFile("turns.lua"));
        var words = QuotedWords().Matches(TypedScript().Match(lua).Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(12, words.Count);
        Assert.Equal("new case", words[0]);
        var client = new TranscriptClient(_engine.Engine);

        var asked = new List<string> { (await client.Says("hi")).Question!.QuestionId };
        foreach (var answer in words.Skip(1).Take(10))
        {
            var replies = await client.Says(answer);
            if (replies.Question is { } next)
            {
                Assert.DoesNotContain(next.QuestionId, asked);
                asked.Add(next.QuestionId);
            }
        }

        Assert.Equal(10, asked.Count);
        Assert.NotNull(client.Last.Review);
        Assert.NotNull((await client.Says(words[11])).Card);
        Assert.Equal(asked[0], (await client.Says(words[0])).Question?.QuestionId);
    }

    [Fact]
    public async Task The_sinks_click_plan_names_a_choice_for_every_question_it_is_asked()
    {
        var sink = File.ReadAllText(BenchmarkFile("sink.js"));
        var plan = PlanEntries().Matches(PlanObject().Match(sink).Groups[1].Value)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var client = new TranscriptClient(_engine.Engine);

        var replies = await client.Says("hi");
        for (var turn = 0; replies.Card is null && turn < 20; turn++)
        {
            if (replies.Review is not null)
            {
                replies = await client.Clicks("Show the guidance");
                continue;
            }

            var question = client.LastQuestion!.QuestionId;
            Assert.True(plan.ContainsKey(question), $"sink.js has no answer for {question}");
            replies = await client.Chooses(plan[question]);
        }

        Assert.NotNull(replies.Card);
    }

    private static string BenchmarkFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotesGuard.Bot.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "benchmarks", name);
            }
        }

        throw new InvalidOperationException("NotesGuard.Bot.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"typed = \{([^}]*)\}")]
    private static partial Regex TypedScript();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex QuotedWords();

    [GeneratedRegex(@"const plan = \{([^}]*)\}")]
    private static partial Regex PlanObject();

    [GeneratedRegex(@"(\w+): '([^']*)'")]
    private static partial Regex PlanEntries();
}
