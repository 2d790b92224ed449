using BenchmarkDotNet.Attributes;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Benchmarks;

/// <summary>
/// The store work of one typed turn on SQLite: the duplicate check, the read and the conditional write as three calls
/// and two commits (before issue 15), against the read then the write with the delivery id in its transaction (one
/// commit, as the engine does now). Each invocation is a new delivery id, as every turn is.
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private readonly StateKey _key = new("bench", "conversation", "user");
    private string _folder = "";
    private SqliteStateStore _store = null!;
    private long _delivery;
    private byte[] _stateBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("notesguard-store-bench-").FullName;
        _store = new SqliteStateStore(Path.Combine(_folder, "state.db"), TimeProvider.System);

        // A walkthrough of typical size: a case id, a position and a few answers.
        var state = new WalkthroughState
        {
            CaseId = "c7f3a9e2",
            StepName = "RecordAnswerStep",
            PendingPromptId = "choice",
            PendingQuestionId = "courtOrder",
            Answers = [new("jurisdiction", "england-wales"), new("requester", "police")],
        };
        _stateBytes = WalkthroughStateSerializer.Serialize(state);
        _store.TryWriteAsync(_key, _stateBytes, null, Day).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "turn's store work: mark, read, write (3 calls)")]
    public async Task<string?> MarkThenReadThenWrite()
    {
        if (!await _store.TryMarkProcessedAsync(_key.ChannelId, _key.ConversationId, NextDelivery(), Hour))
        {
            return null;
        }

        var stored = await _store.ReadAsync(_key);
        return await _store.TryWriteAsync(_key, stored!.Data, stored.ETag, Day);
    }

    [Benchmark(Description = "turn's store work: read, mark+write (2 calls, 1 commit)")]
    public async Task<string?> ReadThenMarkAndWrite()
    {
        var stored = await _store.ReadAsync(_key);
        return (await _store.TryMarkProcessedAndWriteAsync(_key, stored!.Data, stored.ETag, Day, NextDelivery(), Hour)).ETag;
    }

    [Benchmark(Description = "walkthrough state: deserialize + serialize")]
    public int StateRoundTrip() =>
        WalkthroughStateSerializer.Serialize(WalkthroughStateSerializer.Deserialize(_stateBytes)!).Length;

    private string NextDelivery() => "d" + Interlocked.Increment(ref _delivery).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
