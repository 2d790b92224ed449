using System.Text;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Conversations.Tests.Infrastructure;

namespace NotesGuard.Conversations.Tests.State;

/// <summary>What is stored, and what happens to a record this version cannot continue.</summary>
public sealed class StoredFormatTests : IDisposable
{
    private readonly TestEngine _bot = new();

    [Fact]
    public async Task The_record_holds_the_format_case_id_answer_codes_and_position_and_nothing_else()
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi");
        await person.Says("England or Wales please, my client Jane lives in Leeds");
        await person.Chooses("england-wales");
        await person.Chooses("police");

        var json = Encoding.UTF8.GetString((await _bot.Store.ReadAsync(person.Key))!.Data);
        var state = WalkthroughStateSerializer.Deserialize(Encoding.UTF8.GetBytes(json))!;

        Assert.Equal(WalkthroughState.CurrentFormat, state.Format);
        Assert.Equal(["jurisdiction", "requester"], state.Answers.Select(a => a.QuestionId));
        Assert.Equal("courtOrder", state.PendingQuestionId);
        Assert.DoesNotContain("Jane", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Leeds", json, StringComparison.Ordinal);
        Assert.True(json.Length < 300, json);
    }

    [Theory]
    [InlineData(5, 9, 1)]
    [InlineData(5, 10, 12)]
    [InlineData(7, 99, 100)]
    [InlineData(0, 1000, 36)]
    public void The_stored_key_is_each_id_prefixed_with_its_length_so_rows_saved_by_earlier_releases_are_found(int channel, int conversation, int user)
    {
        var key = new StateKey(new string('a', channel), new string('b', conversation), new string('c', user));

        // The format rows already on disk and in PostgreSQL were saved under; a change would orphan every walkthrough.
        Assert.Equal($"{channel}:{key.ChannelId}{conversation}:{key.ConversationId}{user}:{key.UserId}", key.StorageId);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"f":99,"c":"abc","s":1,"p":"question","q":"jurisdiction","a":[]}""")]
    [InlineData("""{"f":1,"c":"abc","s":1,"p":"question","q":"favouriteColour","a":[]}""")]
    [InlineData("""{"f":1,"c":"abc","s":1,"p":"question","q":"requester","a":[{"q":"jurisdiction","v":"mars"}]}""")]
    [InlineData("""{"f":1,"c":"abc","s":1,"p":"no-such-prompt","a":[]}""")]
    [InlineData("""{"f":1,"c":"abc","s":42,"p":"question","q":"requester","a":[{"q":"jurisdiction","v":"england-wales"}]}""")]
    [InlineData("""{"f":2,"c":"abc","n":"NoLongerAStep","p":"question","q":"requester","a":[{"q":"jurisdiction","v":"england-wales"}]}""")]
    public async Task A_record_this_version_cannot_continue_starts_a_fresh_walkthrough(string stored)
    {
        var person = new TranscriptClient(_bot.Engine);
        Assert.NotNull(await _bot.Store.TryWriteAsync(person.Key, Encoding.UTF8.GetBytes(stored), null, TimeSpan.FromHours(1)));

        var first = await person.Says("hello").BotAsks("jurisdiction");

        Assert.Equal(1, first.Number);
        Assert.Equal(WalkthroughState.CurrentFormat, (await _bot.StateOf(person.Key))!.Format);
    }

    [Fact]
    public async Task A_format_1_record_continues_where_it_was_and_is_saved_with_the_step_name()
    {
        var person = new TranscriptClient(_bot.Engine);
        var format1 = """{"f":1,"c":"abc","s":1,"p":"question","q":"requester","a":[{"q":"jurisdiction","v":"england-wales"}]}""";
        Assert.NotNull(await _bot.Store.TryWriteAsync(person.Key, Encoding.UTF8.GetBytes(format1), null, TimeSpan.FromHours(1)));

        await person.Says("police");

        var state = (await _bot.StateOf(person.Key))!;
        Assert.Equal("abc", state.CaseId);
        Assert.Equal(["jurisdiction", "requester"], state.Answers.Select(a => a.QuestionId));
        Assert.Equal(WalkthroughState.CurrentFormat, state.Format);
        Assert.Equal("RecordAnswerStep", state.StepName);
        Assert.DoesNotContain("\"s\"", Encoding.UTF8.GetString((await _bot.Store.ReadAsync(person.Key))!.Data), StringComparison.Ordinal);
    }

    public void Dispose() => _bot.Dispose();
}
