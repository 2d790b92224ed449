using NotesGuard.Conversations.State;

namespace NotesGuard.Conversations.Tests.State;

/// <summary>The store contract on the default provider: a SQLite file in a fresh temporary folder.</summary>
public sealed class SqliteStateStoreTests : StateStoreContract
{
    private string _folder = "";

    protected override Task PrepareStorageAsync()
    {
        _folder = Directory.CreateTempSubdirectory("notesguard-sqlite-").FullName;
        return Task.CompletedTask;
    }

    protected override IStateStore OpenStore(TimeProvider clock) => new SqliteStateStore(Path.Combine(_folder, "state.db"), clock);

    protected override Task CleanUpStorageAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may linger on some platforms; the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }
}
