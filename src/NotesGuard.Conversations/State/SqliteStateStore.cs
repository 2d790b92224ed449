using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using NotesGuard.Conversations.Engine;

namespace NotesGuard.Conversations.State;

/// <summary>
/// The default store: one SQLite file in WAL mode. Writes are conditional on the ETag read (optimistic
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

    public async Task<StoredState?> ReadAsync(StateKey key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data, etag, expires FROM walkthrough WHERE id = $id AND expires > $now";
        command.Parameters.AddWithValue("$id", key.ToString());
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

    public async Task<string?> TryWriteAsync(StateKey key, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var etag = NewETag();
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = expectedETag is null
                // Only when absent, or present but expired (an expired record is as good as absent).
                ? """
                  INSERT INTO walkthrough (id, channel, user, data, etag, expires) VALUES ($id, $channel, $user, $data, $etag, $expires)
                  ON CONFLICT (id) DO UPDATE SET data = excluded.data, etag = excluded.etag, expires = excluded.expires
                  WHERE walkthrough.expires <= $now
                  """
                : "UPDATE walkthrough SET data = $data, etag = $etag, expires = $expires WHERE id = $id AND etag = $expected AND expires > $now";
            command.Parameters.AddWithValue("$id", key.ToString());
            command.Parameters.AddWithValue("$channel", key.ChannelId);
            command.Parameters.AddWithValue("$user", key.UserId);
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

    public async Task DeleteAsync(StateKey key, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM walkthrough WHERE id = $id";
            command.Parameters.AddWithValue("$id", key.ToString());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<int> DeleteUserAsync(string channelId, string userId, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM walkthrough WHERE channel = $channel AND user = $user";
            command.Parameters.AddWithValue("$channel", channelId);
            command.Parameters.AddWithValue("$user", userId);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<bool> TryMarkProcessedAsync(string channelId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO processed (channel, delivery, expires) VALUES ($channel, $delivery, $expires)
                ON CONFLICT (channel, delivery) DO UPDATE SET expires = excluded.expires WHERE processed.expires <= $now
                """;
            command.Parameters.AddWithValue("$channel", channelId);
            command.Parameters.AddWithValue("$delivery", deliveryId);
            command.Parameters.AddWithValue("$expires", Now() + (long)timeToLive.TotalMilliseconds);
            command.Parameters.AddWithValue("$now", Now());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM walkthrough WHERE expires <= $now; DELETE FROM processed WHERE expires <= $now;";
            command.Parameters.AddWithValue("$now", Now());
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new SqliteConnection(_probeConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM walkthrough WHERE 0";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private void CreateSchema()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS walkthrough (
                id TEXT NOT NULL PRIMARY KEY,
                channel TEXT NOT NULL,
                user TEXT NOT NULL,
                data BLOB NOT NULL,
                etag TEXT NOT NULL,
                expires INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS walkthrough_user ON walkthrough (channel, user);
            CREATE INDEX IF NOT EXISTS walkthrough_expires ON walkthrough (expires);
            CREATE TABLE IF NOT EXISTS processed (
                channel TEXT NOT NULL,
                delivery TEXT NOT NULL,
                expires INTEGER NOT NULL,
                PRIMARY KEY (channel, delivery));
            CREATE INDEX IF NOT EXISTS processed_expires ON processed (expires);
            """;
        command.ExecuteNonQuery();
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

    public void Dispose() => _writeGate.Dispose();

    private long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static string NewETag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
