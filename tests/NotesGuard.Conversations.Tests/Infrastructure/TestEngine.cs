using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Dialogs;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Guidance;

namespace NotesGuard.Conversations.Tests.Infrastructure;

/// <summary>The real engine: the shipped rulebook's advisor and a SQLite file in a fresh temporary folder.</summary>
internal sealed class TestEngine : IDisposable
{
    private static readonly Lazy<Advisor> SharedAdvisor = new(() => Guidance.Advisor.Create(new PracticeSettings()));

    public TestEngine(TimeProvider? clock = null, PracticeSettings? practice = null, Func<IStateStore, IStateStore>? wrapStore = null)
    {
        Folder = Directory.CreateTempSubdirectory("notesguard-conv-").FullName;
        Clock = clock ?? TimeProvider.System;
        Store = new SqliteStateStore(Path.Combine(Folder, "state.db"), Clock);
        Advisor = practice is null ? SharedAdvisor.Value : Guidance.Advisor.Create(practice);
        Options = new StorageOptions();
        Engine = new ConversationEngine(
            wrapStore is null ? Store : wrapStore(Store),
            new AdviceDialog(Advisor, practice ?? new PracticeSettings()),
            Microsoft.Extensions.Options.Options.Create(Options),
            NullLogger<ConversationEngine>.Instance);
    }

    public string Folder { get; }

    public TimeProvider Clock { get; }

    public SqliteStateStore Store { get; }

    public IAdvisor Advisor { get; }

    public StorageOptions Options { get; }

    public ConversationEngine Engine { get; }

    public async Task<WalkthroughState?> StateOf(StateKey key)
    {
        var stored = await Store.ReadAsync(key);
        return stored is null ? null : WalkthroughStateSerializer.Deserialize(stored.Data);
    }

    public void Dispose()
    {
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may linger on some platforms; the temp folder is cleaned by the OS.
        }
    }
}
