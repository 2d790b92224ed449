using NotesGuard.Conversations.Engine;
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

    [Theory]
    [InlineData(AnswerDroppingProxy.Cut.AfterCommit)]
    [InlineData(AnswerDroppingProxy.Cut.BeforeServer)]
    public async Task A_turns_write_whose_connection_fails_is_settled_by_reading_back_not_told_to_the_person_as_lost(AnswerDroppingProxy.Cut cut)
    {
        // After a commit whose answer was lost, "send your answer again" would apply that answer to the next question.
        var direct = new NpgsqlConnectionStringBuilder(_connectionString);
        await using var proxy = new AnswerDroppingProxy(direct.Host!, direct.Port);
        var through = new NpgsqlConnectionStringBuilder(_connectionString) { Host = "127.0.0.1", Port = proxy.Port, SslMode = SslMode.Disable, NoResetOnClose = true };
        await using var store = new PostgresStateStore(through.ConnectionString, TimeProvider.System);
        var alice = new StateKey("teams", "19:chat", "29:alice");
        var first = await store.TryMarkProcessedAndWriteAsync(RecordKind.Walkthrough, alice, "29:alice", [1], null, TimeSpan.FromHours(1), "turn-1", TimeSpan.FromHours(1));
        Assert.True(first.Accepted);

        proxy.Arm(cut);
        var second = await store.TryMarkProcessedAndWriteAsync(RecordKind.Walkthrough, alice, "29:alice", [2], first.ETag, TimeSpan.FromHours(1), "turn-2", TimeSpan.FromHours(1));

        Assert.Equal(1, proxy.Cuts);
        Assert.True(second.Accepted);
        Assert.True(second.Marked);
        Assert.NotNull(second.ETag);
        await using var other = new PostgresStateStore(_connectionString, TimeProvider.System);
        var stored = await other.ReadAsync(RecordKind.Walkthrough, alice);
        Assert.Equal([2], stored!.Data);
        Assert.Equal(second.ETag, stored.ETag);
        // The delivery is recorded once: Teams' retry of it is a duplicate.
        Assert.False((await other.TryMarkProcessedAndWriteAsync(RecordKind.Walkthrough, alice, "29:alice", [3], stored.ETag, TimeSpan.FromHours(1), "turn-2", TimeSpan.FromHours(1))).Accepted);
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
    public async Task An_instance_starting_while_another_writes_takes_no_table_lock()
    {
        // The first instance has created the tables and is in the middle of a turn's write (its transaction open).
        await using var first = new PostgresStateStore(_connectionString, TimeProvider.System);
        var alice = new StateKey("teams", "19:chat", "29:alice");
        await first.TryWriteAsync(alice, [1], null, TimeSpan.FromHours(1));
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var writing = await dataSource.OpenConnectionAsync();
        await using var transaction = await writing.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand($"UPDATE {PostgresStateStore.TableOf(RecordKind.Walkthrough)} SET data = data WHERE false", writing, transaction))
        {
            await update.ExecuteNonQueryAsync();
        }

        // A second instance's first call finds the schema in place and answers at once: running the DDL again would
        // wait for that transaction (CREATE INDEX IF NOT EXISTS locks its table even when the index exists).
        await using var second = new PostgresStateStore(_connectionString, TimeProvider.System);
        var read = await second.ReadAsync(alice).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([1], read!.Data);
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task Tables_of_another_deployment_later_on_the_search_path_are_not_taken_for_this_ones()
    {
        // Another deployment's tables in a schema further down the search path (say, public).
        await using (var other = new PostgresStateStore(_connectionString, TimeProvider.System))
        {
            await other.TryWriteAsync(new StateKey("teams", "19:chat", "29:alice"), [9], null, TimeSpan.FromHours(1));
        }

        var otherSchema = new NpgsqlConnectionStringBuilder(_connectionString).SearchPath!;
        var ownSchema = new NpgsqlConnectionStringBuilder(await postgres.NewSchemaAsync()).SearchPath!;
        var connectionString = new NpgsqlConnectionStringBuilder(_connectionString) { SearchPath = $"{ownSchema},{otherSchema}" }.ConnectionString;
        try
        {
            await using var store = new PostgresStateStore(connectionString, TimeProvider.System);

            // Its own tables are created in its own schema, and it sees nothing of the other deployment's records.
            Assert.Null(await store.ReadAsync(new StateKey("teams", "19:chat", "29:alice")));
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await using var command = dataSource.CreateCommand($"SELECT to_regclass('{ownSchema}.{PostgresStateStore.TableOf(RecordKind.Walkthrough)}') IS NOT NULL");
            Assert.Equal(true, await command.ExecuteScalarAsync());
        }
        finally
        {
            await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
            await using var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {ownSchema} CASCADE");
            await drop.ExecuteNonQueryAsync();
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

    [Fact]
    public async Task A_database_from_before_record_kinds_keeps_its_walkthroughs_and_installs_and_drops_old_references()
    {
        await using (var dataSource = NpgsqlDataSource.Create(_connectionString))
        {
            await using var command = dataSource.CreateCommand("""
                CREATE SEQUENCE notesguard_state_version START 100;
                CREATE TABLE notesguard_state (key text PRIMARY KEY, channel_id text, user_id text, data bytea, version bigint, expires_at timestamptz);
                CREATE TABLE notesguard_processed (channel_id text, delivery_id text, expires_at timestamptz, PRIMARY KEY (channel_id, delivery_id));
                INSERT INTO notesguard_state VALUES ('teams|19:a|b@thread|29:alice', 'teams', '29:alice', '\x01', 7, now() + interval '1 hour');
                INSERT INTO notesguard_state VALUES ('slack-install|T0PRACTICE|bot', 'slack-install', 'bot', '\x02', 8, now() + interval '1 hour');
                INSERT INTO notesguard_state VALUES ('msteams-ref|19:a|b@thread|bot', 'msteams-ref', 'bot', '\x03', 9, now() + interval '1 hour');
                """);
            await command.ExecuteNonQueryAsync();
        }

        await using var store = new PostgresStateStore(_connectionString, TimeProvider.System);
        var walkthrough = await store.ReadAsync(new StateKey("teams", "19:a|b@thread", "29:alice"));

        Assert.Equal([1], walkthrough!.Data);
        Assert.NotNull(await store.TryWriteAsync(new StateKey("teams", "19:a|b@thread", "29:alice"), [4], walkthrough.ETag, TimeSpan.FromHours(1)));
        Assert.Equal([2], (await store.ReadAsync(LegacyRecords.SlackInstallKey("T0PRACTICE")))!.Data);
        Assert.Null(await store.ReadAsync(new StateKey(LegacyRecords.TeamsReferenceChannel, "19:a|b@thread", "bot")));
        await using var dataSource2 = NpgsqlDataSource.Create(_connectionString);
        await using var tables = dataSource2.CreateCommand("SELECT to_regclass('notesguard_state') IS NULL AND to_regclass('notesguard_processed') IS NULL");
        Assert.Equal(true, await tables.ExecuteScalarAsync());
    }
}
