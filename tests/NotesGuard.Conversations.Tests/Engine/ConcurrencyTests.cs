using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Tests.Infrastructure;

namespace NotesGuard.Conversations.Tests.Engine;

/// <summary>Turns of one walkthrough arriving together, and channels delivering the same turn twice.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly TestEngine _bot = new();

    [Fact]
    public async Task Parallel_answers_in_one_conversation_are_all_kept()
    {
        ReadTogetherStore? gate = null;
        using var bot = new TestEngine(wrapStore: store => gate = new ReadTogetherStore(store, parties: 4));
        var person = new TranscriptClient(bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");

        // All four turns read the walkthrough at the same version before any writes. "1" answers whichever
        // question is open: england-wales, police, a court order, safeguarding yes. Without the ETag loop the
        // turns would overwrite each other and only one answer would survive.
        gate!.Arm();
        var turns = Enumerable.Range(0, 4).Select(_ => Task.Run(() => person.Says("1"))).ToArray();
        var results = await Task.WhenAll(turns);

        var state = await bot.StateOf(person.Key);
        Assert.Equal(["jurisdiction", "requester", "courtOrder", "safeguardingConcern"], state!.Answers.Select(a => a.QuestionId));
        Assert.Single(results, r => r.Review is not null);
    }

    [Fact]
    public async Task Many_parallel_walkthroughs_in_one_group_do_not_disturb_each_other()
    {
        var people = Enumerable.Range(0, 12)
            .Select(i => new TranscriptClient(_bot.Engine, $"member-{i}", "group", ConversationScope.Group, $"Member {i}"))
            .ToList();
        await Task.WhenAll(people.Select(p => Task.Run(async () =>
        {
            await p.Says("hi");
            await p.Chooses("england-wales");
            await p.Chooses("defence");
            await p.Chooses("no");
            await p.Chooses("no");
        })));

        foreach (var p in people)
        {
            Assert.Equal(4, (await _bot.StateOf(p.Key))!.Answers.Count);
            Assert.NotNull(p.Last.Review);
        }
    }

    [Fact]
    public async Task A_duplicate_delivery_of_a_turn_is_answered_once()
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");

        var first = await person.Says("1", turnId: "activity-42");
        var retry = await person.Says("1", turnId: "activity-42");

        Assert.False(first.Result.WasDuplicate);
        Assert.True(retry.Result.WasDuplicate);
        Assert.Empty(retry.All);
        Assert.Single((await _bot.StateOf(person.Key))!.Answers);
    }

    [Fact]
    public async Task Parallel_duplicates_of_one_turn_are_answered_exactly_once()
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi").BotAsks("jurisdiction");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => person.Says("1", turnId: "event-7"))));

        Assert.Single(results, r => !r.Result.WasDuplicate);
        Assert.Single((await _bot.StateOf(person.Key))!.Answers);
    }

    public void Dispose() => _bot.Dispose();
}
