using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using NotesGuard.Conversations.Engine;

namespace NotesGuard.Conversations.State;

/// <summary>
/// The default store: one SQLite file in WAL mode, one table per <see cref="RecordKind"/> ("record_walkthrough",
/// "record_slack_installation"…) and one for delivery ids. Writes are conditional on the ETag read (optimistic
/// concurrency), records carry an expiry, and an expired record reads as absent until it is purged.
/// Microsoft.Data.Sqlite completes its async methods synchronously; every statement here is one short
/// indexed operation on a local file. SQLite allows one writer at a time and Microsoft.Data.Sqlite answers a
/// busy database by sleeping the thread (150 ms a try), so this process's writes queue on an async gate
/// instead: concurrent turns wait their turn without blocking threads.
/// </summary>
public sealed class SqliteStateStore : IStateStore, IDisposable
{
    private readonly string _connectionString;
    private readonly string _probeConnectionString;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteStateStore(string databasePath, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        _clock = clock;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        // A pooled connection keeps the file open even after the file or its folder is gone, so a probe
        // through the pool would report a store that has vanished as reachable. The probe opens afresh.
        _probeConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
        CreateSchema();
    }

    public string DatabasePath => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    /// <summary>The table holding one kind of record; names come from code, never from input.</summary>
    public static string TableOf(RecordKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return "record_" + kind.Name;
    }

    public async Task<StoredState?> ReadAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT data, etag, expires FROM {TableOf(kind)} WHERE id = $id AND expires > $now";
        command.Parameters.AddWithValue("$id", key.StorageId);
        command.Parameters.AddWithValue("$now", Now());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new StoredState(
            (byte[])reader.GetValue(0),
            reader.GetString(1),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
    }

    public async Task<string?> TryWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(data);
        var table = TableOf(kind);
        var etag = NewETag();
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = expectedETag is null
                // Only when absent, or present but expired (an expired record is as good as absent).
                ? $"""
                  INSERT INTO {table} (id, channel, owner, data, etag, expires) VALUES ($id, $channel, $owner, $data, $etag, $expires)
                  ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, data = excluded.data, etag = excluded.etag, expires = excluded.expires
                  WHERE {table}.expires <= $now
                  """
                : $"UPDATE {table} SET owner = $owner, data = $data, etag = $etag, expires = $expires WHERE id = $id AND etag = $expected AND expires > $now";
            command.Parameters.AddWithValue("$id", key.StorageId);
            command.Parameters.AddWithValue("$channel", key.ChannelId);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$data", data);
            command.Parameters.AddWithValue("$etag", etag);
            command.Parameters.AddWithValue("$expires", Now() + (long)timeToLive.TotalMilliseconds);
            command.Parameters.AddWithValue("$expected", (object?)expectedETag ?? DBNull.Value);
            command.Parameters.AddWithValue("$now", Now());
            var written = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return written == 1 ? etag : null;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task DeleteAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default) =>
        ExecuteWriteAsync($"DELETE FROM {TableOf(kind)} WHERE id = $id", command => command.Parameters.AddWithValue("$id", key.StorageId), cancellationToken);

    public Task<int> DeleteOwnedAsync(RecordKind kind, string channelId, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return ExecuteWriteAsync(
            $"DELETE FROM {TableOf(kind)} WHERE channel = $channel AND owner = $owner",
            command =>
            {
                command.Parameters.AddWithValue("$channel", channelId);
                command.Parameters.AddWithValue("$owner", owner);
            },
            cancellationToken);
    }

    public async Task<bool> TryMarkProcessedAsync(string channelId, string conversationId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        var written = await ExecuteWriteAsync(
            """
            INSERT INTO delivery (channel, conversation, delivery, expires) VALUES ($channel, $conversation, $delivery, $expires)
            ON CONFLICT (channel, conversation, delivery) DO UPDATE SET expires = excluded.expires WHERE delivery.expires <= $now
            """,
            command =>
            {
                command.Parameters.AddWithValue("$channel", channelId);
                command.Parameters.AddWithValue("$conversation", conversationId);
                command.Parameters.AddWithValue("$delivery", deliveryId);
                command.Parameters.AddWithValue("$expires", Now() + (long)timeToLive.TotalMilliseconds);
                command.Parameters.AddWithValue("$now", Now());
            },
            cancellationToken).ConfigureAwait(false);
        return written == 1;
    }

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) =>
        ExecuteWriteAsync(
            string.Concat(RecordKind.All.Select(k => $"DELETE FROM {TableOf(k)} WHERE expires <= $now; ")) + "DELETE FROM delivery WHERE expires <= $now;",
            command => command.Parameters.AddWithValue("$now", Now()),
            cancellationToken);

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new SqliteConnection(_probeConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM {TableOf(RecordKind.Walkthrough)} WHERE 0";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    public void Dispose() => _writeGate.Dispose();

    private async Task<int> ExecuteWriteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void CreateSchema()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = string.Concat(RecordKind.All.Select(kind => $"""
            CREATE TABLE IF NOT EXISTS {TableOf(kind)} (
                id TEXT NOT NULL PRIMARY KEY,
                channel TEXT NOT NULL,
                owner TEXT NOT NULL,
                data BLOB NOT NULL,
                etag TEXT NOT NULL,
                expires INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS {TableOf(kind)}_owner ON {TableOf(kind)} (channel, owner);
            CREATE INDEX IF NOT EXISTS {TableOf(kind)}_expires ON {TableOf(kind)} (expires);

            """)) + """
            CREATE TABLE IF NOT EXISTS delivery (
                channel TEXT NOT NULL,
                conversation TEXT NOT NULL,
                delivery TEXT NOT NULL,
                expires INTEGER NOT NULL,
                PRIMARY KEY (channel, conversation, delivery));
            CREATE INDEX IF NOT EXISTS delivery_expires ON delivery (expires);
            DROP TABLE IF EXISTS processed;
            """;
        command.ExecuteNonQuery();
        SqliteLegacyMigration.Run(connection, transaction);
        transaction.Commit();

        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode = WAL";
        wal.ExecuteNonQuery();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var pragma = connection.CreateCommand();
        // WAL with NORMAL sync: commits survive an app crash; only a power cut can lose the last few turns.
        pragma.CommandText = "PRAGMA synchronous = NORMAL";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static string NewETag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
