namespace NotesGuard.Conversations.State;

/// <summary>Settings for <c>Storage:Provider=Postgres</c> (configuration section "Storage:Postgres").</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>An Npgsql connection string, e.g. Host=db;Database=notesguard;Username=notesguard;Password=…</summary>
    public string? ConnectionString { get; set; }
}
