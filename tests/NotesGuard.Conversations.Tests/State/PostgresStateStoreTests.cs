using NotesGuard.Conversations.State;
using NotesGuard.Conversations.Tests.State.Servers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace NotesGuard.Conversations.Tests.State;

/// <summary>The store contract on PostgreSQL: a fresh schema on a real throwaway cluster for each test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStateStoreTests(PostgresServer postgres) : StateStoreContract
{
    private string _connectionString = "";

    protected override async Task PrepareStorageAsync() => _connectionString = await postgres.NewSchemaAsync();

    protected override IStateStore OpenStore(TimeProvider clock) => new PostgresStateStore(_connectionString, clock);

    protected override async Task CleanUpStorageAsync()
    {
        var schema = new NpgsqlConnectionStringBuilder(_connectionString).SearchPath;
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Instances_starting_together_create_the_tables_once_without_failing()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgresStateStore(_connectionString, TimeProvider.System)).ToList();

        var ready = await Task.WhenAll(stores.Select(s => Task.Run(() => s.IsReachableAsync())));

        Assert.All(ready, Assert.True);
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Storage_Provider_Postgres_makes_the_app_use_this_database()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:Postgres:ConnectionString"] = _connectionString,
        }).Build();
        await using var services = new ServiceCollection().AddConversations(configuration).BuildServiceProvider();

        var store = services.GetRequiredService<IStateStore>();

        Assert.IsType<PostgresStateStore>(store);
        Assert.True(await store.IsReachableAsync());
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_not_ready()
    {
        var nowhere = new NpgsqlConnectionStringBuilder(_connectionString) { Port = 1, Timeout = 5 }.ConnectionString;
        await using var store = new PostgresStateStore(nowhere, TimeProvider.System);

        Assert.False(await store.IsReachableAsync());
    }
}
