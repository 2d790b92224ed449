namespace NotesGuard.Conversations.State;

/// <summary>Builds the store that <c>Storage:Provider</c> names (the settings were validated at start-up).</summary>
public static class StateStores
{
    public static IStateStore FromOptions(StorageOptions options, string contentRoot, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (StorageProviders.Is(options.Provider, StorageProviders.AzureBlob))
        {
            return new AzureBlobStateStore(AzureBlobStateStore.ContainerFrom(options.AzureBlob), clock);
        }

        if (StorageProviders.Is(options.Provider, StorageProviders.Postgres))
        {
            return new PostgresStateStore(options.Postgres.ConnectionString!, clock);
        }

        return new SqliteStateStore(Path.Combine(options.ResolveDataFolder(contentRoot), ConversationServiceCollectionExtensions.DatabaseFileName), clock);
    }
}
