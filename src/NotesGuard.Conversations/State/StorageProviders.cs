namespace NotesGuard.Conversations.State;

/// <summary>The values <c>Storage:Provider</c> accepts (compared without regard to case).</summary>
public static class StorageProviders
{
    /// <summary>One SQLite file in the app's data folder: a single instance.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Azure Blob Storage: several instances share one container.</summary>
    public const string AzureBlob = "AzureBlob";

    /// <summary>PostgreSQL: several instances share two tables.</summary>
    public const string Postgres = "Postgres";

    public static bool Is(string? configured, string provider) =>
        string.Equals(configured?.Trim(), provider, StringComparison.OrdinalIgnoreCase);
}
