namespace NotesGuard.Conversations.State;

/// <summary>Where and for how long walkthroughs are kept (configuration section "Storage").</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// "Sqlite" (the default; one file in <see cref="DataFolder"/>), or "AzureBlob" / "Postgres" so several
    /// instances behind a load balancer share state (see <see cref="StorageProviders"/>).
    /// </summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>Folder for the SQLite file; relative paths are under the app's content root.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>The data folder as an absolute path: relative settings resolve under <paramref name="contentRoot"/>.</summary>
    public string ResolveDataFolder(string contentRoot) => Path.GetFullPath(DataFolder, contentRoot);

    /// <summary>How long an untouched walkthrough is kept before it is purged.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a delivered turn id is remembered so a channel's retry is answered once.</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often expired records are deleted.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Used when <see cref="Provider"/> is "AzureBlob".</summary>
    public AzureBlobStorageOptions AzureBlob { get; set; } = new();

    /// <summary>Used when <see cref="Provider"/> is "Postgres".</summary>
    public PostgresStorageOptions Postgres { get; set; } = new();
}
