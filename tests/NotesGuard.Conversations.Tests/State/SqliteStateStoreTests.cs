using Microsoft.Data.Sqlite;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Tests.Shared;

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

    [Fact]
    public async Task A_connection_that_cannot_be_opened_fails_that_call_and_later_writes_go_on()
    {
        var folder = Path.Combine(_folder, "moving");
        using var store = new SqliteStateStore(Path.Combine(folder, "state.db"), TimeProvider.System);
        var key = new StateKey("teams", "19:gone", "29:alice");

        // No connection is open yet (the schema's was closed), so with the folder moved away each open fails. Each
        // call has a deadline: without the fix the second waits for ever on the gate the first never released.
        Directory.Move(folder, folder + "-away");
        var deadline = TimeSpan.FromSeconds(30);
        await Assert.ThrowsAsync<SqliteException>(() => store.TryMarkProcessedAndReadAsync(key, "turn-1", TimeSpan.FromMinutes(5)).WaitAsync(deadline));
        await Assert.ThrowsAsync<SqliteException>(() => store.TryWriteAsync(key, [1], null, TimeSpan.FromMinutes(5)).WaitAsync(deadline));
        await Assert.ThrowsAsync<SqliteException>(() => store.TryMarkProcessedAsync("teams", "19:gone", "turn-0", TimeSpan.FromMinutes(5)).WaitAsync(deadline));
        Directory.Move(folder + "-away", folder);

        // The failed opens released the write gate: without that, these would wait for ever (the timeout says so).
        var first = await store.TryMarkProcessedAndReadAsync(key, "turn-2", TimeSpan.FromMinutes(5)).WaitAsync(deadline);
        Assert.True(first.Accepted);
        Assert.NotNull(await store.TryWriteAsync(key, [2], null, TimeSpan.FromMinutes(5)).WaitAsync(deadline));
        Assert.True(await store.TryMarkProcessedAsync("teams", "19:gone", "turn-3", TimeSpan.FromMinutes(5)).WaitAsync(deadline));
    }

    [Fact]
    public async Task A_deleted_record_leaves_no_copy_of_its_bytes_in_the_database_file()
    {
        // "forget me" and the purge promise the record is gone; SQLite otherwise leaves a deleted row's bytes in the
        // page's free space (or a free page) until something overwrites them, readable by anyone with the file.
        var canary = System.Text.Encoding.ASCII.GetBytes("Forgotten-Canary-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(_folder, "forgotten.db");
        var store = new SqliteStateStore(path, TimeProvider.System);
        var kept = new StateKey("teams", "19:kept", "29:bob");
        var forgotten = new StateKey("teams", "19:forgotten", "29:alice");
        Assert.NotNull(await store.TryWriteAsync(kept, [1, 2, 3], null, TimeSpan.FromHours(1)));
        Assert.NotNull(await store.TryWriteAsync(RecordKind.Walkthrough, forgotten, "alice", canary, null, TimeSpan.FromHours(1)));

        Assert.Equal(1, await store.DeleteOwnedAsync(RecordKind.Walkthrough, "teams", "alice"));
        store.Dispose();
        SqliteConnection.ClearAllPools();

        // Closed, so the write-ahead log was checkpointed into the file and removed.
        Assert.False(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(canary));
        Assert.NotNull(await ReadBackAsync(path, kept));
    }

    private static async Task<StoredState?> ReadBackAsync(string path, StateKey key)
    {
        using var store = new SqliteStateStore(path, TimeProvider.System);
        return await store.ReadAsync(RecordKind.Walkthrough, key);
    }

    [Fact]
    public async Task After_a_burst_of_concurrent_calls_only_a_bounded_number_of_connections_stay_open()
    {
        using var store = new SqliteStateStore(Path.Combine(_folder, "burst.db"), TimeProvider.System);
        var burst = Enumerable.Range(0, SqliteStateStore.MaxIdle + 5).Select(_ => store.Rent()).ToList();
        foreach (var session in burst)
        {
            store.Return(session);
        }

        Assert.Equal(SqliteStateStore.MaxIdle, store.IdleConnections);
        var key = new StateKey("teams", "19:burst", "29:alice");
        Assert.NotNull(await store.TryWriteAsync(key, [1], null, TimeSpan.FromMinutes(5)));
        Assert.Equal([1], (await store.ReadAsync(key))!.Data);
    }

    [Fact]
    public async Task A_file_from_before_record_kinds_keeps_its_walkthroughs_and_installs_and_drops_old_references()
    {
        var path = Path.Combine(_folder, "legacy.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();
            command.CommandText = $"""
                CREATE TABLE walkthrough (id TEXT PRIMARY KEY, channel TEXT, user TEXT, data BLOB, etag TEXT, expires INTEGER);
                CREATE TABLE processed (channel TEXT, delivery TEXT, expires INTEGER, PRIMARY KEY (channel, delivery));
                INSERT INTO walkthrough VALUES ('teams|19:a|b@thread|29:alice', 'teams', '29:alice', x'01', 'e1', {expires});
                INSERT INTO walkthrough VALUES ('slack-install|T0PRACTICE|bot', 'slack-install', 'bot', x'02', 'e2', {expires});
                INSERT INTO walkthrough VALUES ('msteams-ref|19:a|b@thread|bot', 'msteams-ref', 'bot', x'03', 'e3', {expires});
                """;
            command.ExecuteNonQuery();
        }

        using var store = new SqliteStateStore(path, TimeProvider.System);

        Assert.Equal([1], (await store.ReadAsync(new StateKey("teams", "19:a|b@thread", "29:alice")))!.Data);
        Assert.Equal([2], (await store.ReadAsync(LegacyRecords.SlackInstallKey("T0PRACTICE")))!.Data);
        Assert.Null(await store.ReadAsync(new StateKey(LegacyRecords.TeamsReferenceChannel, "19:a|b@thread", "bot")));
        Assert.Equal(1, (await store.DeleteUserAsync("teams", "29:alice")).Removed);
        Assert.Equal(0L, Scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('walkthrough', 'processed')"));
    }

    [Fact]
    public async Task Delivery_ids_recorded_by_the_previous_build_are_still_recognised_after_the_upgrade()
    {
        var path = Path.Combine(_folder, "deliveries.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            var live = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();
            var gone = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
            // The previous build's table: a rowid table keyed by a separate index.
            command.CommandText = $"""
                CREATE TABLE delivery (channel TEXT NOT NULL, conversation TEXT NOT NULL, delivery TEXT NOT NULL, expires INTEGER NOT NULL,
                    PRIMARY KEY (channel, conversation, delivery));
                INSERT INTO delivery VALUES ('teams', '19:chat', 'activity-1', {live});
                INSERT INTO delivery VALUES ('teams', '19:chat', 'activity-2', {gone});
                CREATE TABLE delivery_id (channel TEXT NOT NULL, conversation TEXT NOT NULL, delivery TEXT NOT NULL, expires INTEGER NOT NULL,
                    PRIMARY KEY (channel, conversation, delivery)) WITHOUT ROWID;
                CREATE INDEX delivery_id_expires ON delivery_id (expires);
                """;
            command.ExecuteNonQuery();
        }

        using var store = new SqliteStateStore(path, TimeProvider.System);

        // A retry arriving across the upgrade is still a duplicate; an id past its window is new again.
        Assert.False(await store.TryMarkProcessedAsync("teams", "19:chat", "activity-1", TimeSpan.FromHours(1)));
        Assert.True(await store.TryMarkProcessedAsync("teams", "19:chat", "activity-2", TimeSpan.FromHours(1)));
        Assert.Equal(0L, Scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'delivery'"));
        // An expiry index on delivery ids (one build had it) is dropped: it cost every turn a page.
        Assert.Equal(0L, Scalar(path, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'delivery_id' AND sql IS NOT NULL"));
    }

    [Fact]
    public async Task A_write_that_fails_after_its_delivery_id_was_recorded_takes_the_id_back()
    {
        var path = Path.Combine(_folder, "rollback.db");
        using var store = new SqliteStateStore(path, TimeProvider.System);
        var key = new StateKey("teams", "19:chat", "29:alice");
        var etag = await store.TryWriteAsync(key, [1], null, TimeSpan.FromHours(1));
        // The update itself fails (as a full disk would) after the delivery id's insert in the same transaction.
        Execute(path, $"CREATE TRIGGER fail_update BEFORE UPDATE ON {SqliteStateStore.TableOf(RecordKind.Walkthrough)} BEGIN SELECT RAISE(ABORT, 'disk full'); END");

        await Assert.ThrowsAsync<SqliteException>(() => store.TryMarkProcessedAndWriteAsync(key, [2], etag, TimeSpan.FromHours(1), "activity-1", TimeSpan.FromHours(1)));

        // Nothing of the failed transaction stayed: the id is new, the record unchanged, and the store still writes.
        Assert.True(await store.TryMarkProcessedAsync("teams", "19:chat", "activity-1", TimeSpan.FromHours(1)));
        Assert.Equal([1], (await store.ReadAsync(key))!.Data);
        Assert.NotNull(await store.TryWriteAsync(new StateKey("teams", "19:chat", "29:bob"), [3], null, TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Turns_committed_together_keep_their_own_outcomes()
    {
        var path = Path.Combine(_folder, "group.db");
        using var store = new SqliteStateStore(path, TimeProvider.System);
        var alice = new StateKey("teams", "19:chat", "29:alice");
        var bob = new StateKey("teams", "19:chat", "29:bob");
        var install = new StateKey("slack", "T1", "");
        var aliceETag = await store.TryWriteAsync(alice, [1], null, TimeSpan.FromHours(1));
        await store.TryWriteAsync(bob, [1], null, TimeSpan.FromHours(1));
        Execute(path, $"CREATE TRIGGER fail_insert BEFORE INSERT ON {SqliteStateStore.TableOf(RecordKind.SlackInstallation)} BEGIN SELECT RAISE(ABORT, 'disk full'); END");

        // While the gate is held, four turns queue; the next holder commits them in one transaction.
        Task<MarkedWrite> written, stale, failing, duplicate;
        using (await store.HoldWritesAsync())
        {
            written = store.TryMarkProcessedAndWriteAsync(alice, [2], aliceETag, TimeSpan.FromHours(1), "activity-1", TimeSpan.FromHours(1));
            stale = store.TryMarkProcessedAndWriteAsync(bob, [2], "not-the-etag", TimeSpan.FromHours(1), "activity-2", TimeSpan.FromHours(1));
            failing = store.TryMarkProcessedAndWriteAsync(RecordKind.SlackInstallation, install, "", [2], null, TimeSpan.FromHours(1), "activity-3", TimeSpan.FromHours(1));
            duplicate = store.TryMarkProcessedAndWriteAsync(alice, [3], aliceETag, TimeSpan.FromHours(1), "activity-1", TimeSpan.FromHours(1));
        }

        Assert.NotNull((await written).ETag);
        Assert.Equal(new MarkedWrite(true, false, null), await stale);
        await Assert.ThrowsAsync<SqliteException>(() => failing);
        Assert.False((await duplicate).Accepted);

        // The accepted turn's write and mark stayed; the refused and the failed turns' marks went back with them.
        Assert.Equal([2], (await store.ReadAsync(alice))!.Data);
        Assert.Equal([1], (await store.ReadAsync(bob))!.Data);
        Assert.False(await store.TryMarkProcessedAsync("teams", "19:chat", "activity-1", TimeSpan.FromHours(1)));
        Assert.True(await store.TryMarkProcessedAsync("teams", "19:chat", "activity-2", TimeSpan.FromHours(1)));
        Assert.True(await store.TryMarkProcessedAsync("slack", "T1", "activity-3", TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task Disposing_the_store_waits_for_the_writer_and_fails_the_turns_queued_behind_it_instead_of_leaving_them_waiting()
    {
        var store = new SqliteStateStore(Path.Combine(_folder, "dispose.db"), TimeProvider.System);
        var key = new StateKey("teams", "19:chat", "29:alice");
        var carol = new StateKey("teams", "19:chat", "29:carol");
        var deadline = TimeSpan.FromSeconds(10);
        Assert.NotNull(await store.TryWriteAsync(carol, [7], null, TimeSpan.FromHours(1))); // the writer is open
        Task<MarkedWrite> turn;
        Task<string?> write;
        Task disposing;
        using (await store.HoldWritesAsync())
        {
            // Two calls wait for the writer (a turn for its group commit, a plain write for the gate); the store is
            // disposed meanwhile (at shutdown, once the host stopped waiting for requests).
            turn = store.TryMarkProcessedAndWriteAsync(RecordKind.Walkthrough, key, key.UserId, [1], null, TimeSpan.FromHours(1), "activity-1", TimeSpan.FromHours(1));
            write = store.TryWriteAsync(new StateKey("teams", "19:chat", "29:bob"), [1], null, TimeSpan.FromHours(1));
            disposing = Task.Run(store.Dispose);

            // Once Dispose has begun (new calls are refused), it waits for whoever holds the writer rather than close
            // its connection under it.
            await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
            {
                while (true)
                {
                    await store.ReadAsync(key).WaitAsync(deadline);
                    await Task.Delay(10);
                }
            }).WaitAsync(deadline);
            Assert.False(disposing.IsCompleted);
        }

        // Letting go of the writer (which threw once the gate was disposed, before the fix) lets Dispose finish, and
        // the waiting calls fail rather than wait for ever (the deadline says so).
        await disposing.WaitAsync(deadline);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => turn.WaitAsync(deadline));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => write.WaitAsync(deadline));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ReadAsync(key));
        store.Dispose();

        // Nothing the failed calls asked for was written; what was committed before stays.
        using var reopened = new SqliteStateStore(Path.Combine(_folder, "dispose.db"), TimeProvider.System);
        Assert.Null(await reopened.ReadAsync(key));
        Assert.Equal([7], (await reopened.ReadAsync(carol))!.Data);
        Assert.True(await reopened.TryMarkProcessedAsync("teams", "19:chat", "activity-1", TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task A_turn_cancelled_while_it_waits_for_the_writer_leaves_nothing_behind()
    {
        using var store = new SqliteStateStore(Path.Combine(_folder, "cancel.db"), TimeProvider.System);
        var key = new StateKey("teams", "19:chat", "29:alice");
        using var cancel = new CancellationTokenSource();
        Task<MarkedWrite> waiting;
        using (await store.HoldWritesAsync())
        {
            waiting = store.TryMarkProcessedAndWriteAsync(RecordKind.Walkthrough, key, key.UserId, [1], null, TimeSpan.FromHours(1), "activity-1", TimeSpan.FromHours(1), cancel.Token);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        // The next write's group commit skips the withdrawn turn: no record, and its delivery id is still new.
        Assert.NotNull((await store.TryMarkProcessedAndWriteAsync(new StateKey("teams", "19:chat", "29:bob"), [2], null, TimeSpan.FromHours(1), "activity-2", TimeSpan.FromHours(1))).ETag);
        Assert.Null(await store.ReadAsync(key));
        Assert.True(await store.TryMarkProcessedAsync("teams", "19:chat", "activity-1", TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task An_update_soon_after_the_last_keeps_the_expiry_and_a_later_one_moves_it_to_a_full_time_to_live()
    {
        var clock = new ManualClock();
        using var store = new SqliteStateStore(Path.Combine(_folder, "expiry.db"), clock);
        var key = new StateKey("teams", "19:chat", "29:alice");
        var day = TimeSpan.FromHours(24);
        var etag = await store.TryWriteAsync(key, [1], null, day);
        var first = clock.GetUtcNow() + day;

        // Four minutes on (within five minutes, 1% of a day at most): the record changes, its expiry stays, so the
        // commit does not rewrite the expiry index.
        clock.Advance(TimeSpan.FromMinutes(4));
        etag = await store.TryWriteAsync(key, [2], etag, day);
        var kept = (await store.ReadAsync(key))!;
        Assert.Equal([2], kept.Data);
        Assert.Equal(first, kept.ExpiresAt);

        // Six minutes after the first write the expiry would be more than the slack short: it moves to now + a day.
        clock.Advance(TimeSpan.FromMinutes(2));
        etag = (await store.TryMarkProcessedAndWriteAsync(key, [3], etag, day, "activity-1", TimeSpan.FromHours(1))).ETag;
        var moved = (await store.ReadAsync(key))!;
        Assert.Equal([3], moved.Data);
        Assert.Equal(clock.GetUtcNow() + day, moved.ExpiresAt);

        // A stale ETag is still refused whichever statement would have taken it.
        Assert.NotNull(etag);
        Assert.Null(await store.TryWriteAsync(key, [4], "not-the-etag", day));

        // A shorter time to live (a setting lowered) takes effect at the next write: never kept later than asked.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(await store.TryWriteAsync(key, [5], etag, TimeSpan.FromHours(1)));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromHours(1), (await store.ReadAsync(key))!.ExpiresAt);
        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Null(await store.ReadAsync(key));
    }

    [Theory]
    [InlineData(24 * 60, 5)]
    [InlineData(60, 0.6)]
    [InlineData(30, 0.3)]
    public void The_expiry_slack_is_one_percent_of_the_time_to_live_and_at_most_five_minutes(double ttlMinutes, double slackMinutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(slackMinutes), SqliteStateStore.ExpirySlack(TimeSpan.FromMinutes(ttlMinutes)));
    }

    /// <summary>Runs SQL on the file through a connection of its own (not the store's), closed at once.</summary>
    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
