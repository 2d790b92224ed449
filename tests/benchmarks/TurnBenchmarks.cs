using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NotesGuard.Bot.WebChat;
using NotesGuard.Conversations.Dialogs;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Guidance;

namespace NotesGuard.Benchmarks;

/// <summary>
/// One full turn (duplicate check, load state, advance the dialog, save, render the reply as the web chat's
/// JSON) on the SQLite store, against a baseline of the bare store work the turn cannot avoid: reading and
/// rewriting the same record. The Ratio column is the turn's cost in units of that baseline.
/// </summary>
[MemoryDiagnoser]
public class TurnBenchmarks
{
    private string _folder = "";
    private SqliteStateStore _store = null!;
    private ConversationEngine _engine = null!;
    private StateKey _baselineKey;
    private long _turn;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("notesguard-bench-").FullName;
        _store = new SqliteStateStore(Path.Combine(_folder, "state.db"), TimeProvider.System);
        var advisor = Advisor.Create(new PracticeSettings());
        _engine = new ConversationEngine(
            _store,
            new AdviceDialog(advisor, new PracticeSettings()),
            Options.Create(new StorageOptions()),
            NullLogger<ConversationEngine>.Instance);

        // Start the walkthrough, then answer once, so the baseline record has a real walkthrough's size.
        Turn("hello").GetAwaiter().GetResult();
        Turn("england-wales").GetAwaiter().GetResult();
        _baselineKey = new StateKey("bench", "baseline", "user");
        var record = _store.ReadAsync(new StateKey("bench", "conversation", "user")).GetAwaiter().GetResult()!;
        _store.TryWriteAsync(_baselineKey, record.Data, null, TimeSpan.FromHours(1)).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "bare SQLite read + conditional write")]
    public async Task<string?> StoreReadWrite()
    {
        var stored = await _store.ReadAsync(_baselineKey);
        return await _store.TryWriteAsync(_baselineKey, stored!.Data, stored.ETag, TimeSpan.FromHours(1));
    }

    /// <summary>Answers the open question, then goes back to it: two full turns that leave the walkthrough as found.</summary>
    [Benchmark(OperationsPerInvoke = 2, Description = "full turn: dedupe, load, advance, save, render")]
    public async Task<int> FullTurn()
    {
        var answered = await Turn("police");
        var back = await Turn("back");
        return answered + back;
    }

    private async Task<int> Turn(string text)
    {
        var turn = new Turn("bench", "conversation", "user", $"t{Interlocked.Increment(ref _turn)}", ConversationScope.Personal, text);
        var result = await _engine.HandleAsync(turn);
        var response = new WebChatTurnResponse(result.Replies.Select(WebChatReplyMapper.Map).ToList(), result.WasDuplicate);
        return JsonSerializer.SerializeToUtf8Bytes(response, WebChatJsonContext.Default.WebChatTurnResponse).Length;
    }
}
