using System.Globalization;
using System.Runtime.ExceptionServices;
using Npgsql;
using NotesGuard.Conversations.Engine;

namespace NotesGuard.Conversations.State;

/// <summary>
/// PostgreSQL store for several instances behind a load balancer. The same semantics as
/// <see cref="SqliteStateStore"/>: a write is conditional on the version read (one statement, so the row lock
/// decides between concurrent writers), an expired record reads as absent and may be replaced, and "now" comes
/// from the injected clock rather than the server so expiry is testable and instances agree on it.
/// Versions come from one sequence, so a record deleted and created again never reuses an old ETag.
/// One table per <see cref="RecordKind"/> ("notesguard_walkthrough", "notesguard_slack_installation"…) and one for
/// delivery ids. The tables are created on first use, under an advisory lock so instances starting together do not race.
/// </summary>
public sealed class PostgresStateStore : IStateStore, IAsyncDisposable, IDisposable
{
    // Any constant works; it only has to be the same for every NotesGuard instance sharing the database.
    private const long SchemaLockId = 0x4e47_5354_4154_45;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    public PostgresStateStore(string connectionString, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _clock = clock;
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.MaxAutoPrepare == 0)
        {
            // A turn runs the same few statements every time: prepared per connection after their second use, the
            // server parses and plans each once instead of on every turn. An operator's own setting wins.
            settings.MaxAutoPrepare = 32;
            settings.AutoPrepareMinUsages = 2;
        }

        _dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
    }

    /// <summary>The table holding one kind of record; names come from code, never from input.</summary>
    public static string TableOf(RecordKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return "notesguard_" + kind.Name;
    }

    public async Task<StoredState?> ReadAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(
            $"SELECT data, version, expires_at FROM {TableOf(kind)} WHERE key = @key AND expires_at > @now");
        command.Parameters.AddWithValue("key", key.StorageId);
        command.Parameters.AddWithValue("now", Now());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new StoredState(
            reader.GetFieldValue<byte[]>(0),
            ToETag(reader.GetInt64(1)),
            reader.GetFieldValue<DateTimeOffset>(2));
    }

    public async Task<string?> TryWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(data);
        long expected = 0;
        if (expectedETag is not null && !long.TryParse(expectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out expected))
        {
            // Not one of ours (say, from another provider before a migration): it cannot match.
            return null;
        }

        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(WriteSql(kind, expectedETag is null, afterMark: false));
        AddWriteParameters(command, key, owner, data, expected, timeToLive);
        var version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return version is long written ? ToETag(written) : null;
    }

    public bool MarksWithWrite => true;

    /// <summary>
    /// One statement: the delivery id's insert in a CTE, and the record's conditional write only when the insert
    /// took, so a turn commits once. A refused write leaves the mark (a CTE commits as one statement), which
    /// <see cref="MarkedWrite.Marked"/> tells the caller.
    /// </summary>
    public async Task<MarkedWrite> TryMarkProcessedAndWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(data);
        long expected = 0;
        if (expectedETag is not null && !long.TryParse(expectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out expected))
        {
            // Not one of ours: the write cannot match, but the delivery is still this turn's.
            return await TryMarkProcessedAsync(key.ChannelId, key.ConversationId, deliveryId, duplicateWindow, cancellationToken).ConfigureAwait(false)
                ? new MarkedWrite(true, true, null)
                : MarkedWrite.Duplicate;
        }

        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var lostAnswers = 0;
        for (var attempt = 1; ; attempt++)
        {
            // This run's own mark: its expiry, to the microsecond the server keeps, tells it from another copy's.
            var markExpires = Microseconds(Now() + duplicateWindow);
            try
            {
                return await MarkAndWriteAsync(kind, key, owner, data, expectedETag is null, expected, timeToLive, deliveryId, markExpires, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 3)
            {
                // The statement locks the delivery table, then the record's: an instance creating or upgrading the
                // schema at that moment (its DDL locks the tables one after another) can deadlock with it. The server
                // rolls this statement back whole (its mark with its write), so it is simply run again: it then finds
                // another copy's mark (a duplicate) or takes the mark itself.
            }
            catch (NpgsqlException ex) when (ex is not PostgresException && !cancellationToken.IsCancellationRequested && lostAnswers++ == 0)
            {
                // The connection failed with the statement sent: it may have committed, and only its answer was lost.
                // Telling the person to send their answer again would then apply it to the next question, so the
                // outcome is read back on a new connection. A failure of that read is the original failure.
                MarkedWrite? settled = null;
                try
                {
                    settled = await ReadBackAsync(kind, key, data, deliveryId, markExpires, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception readBack) when (readBack is NpgsqlException or TimeoutException)
                {
                    ExceptionDispatchInfo.Throw(ex);
                }

                if (settled is { } outcome)
                {
                    return outcome;
                }

                // Not committed: nothing of it was kept, so it is run again (once).
            }
        }
    }

    /// <summary>
    /// After a lost answer: whether the mark-and-write committed. Null when it did not (no mark for the delivery);
    /// a duplicate when another copy's mark is there; otherwise it committed, and its write took if the record now
    /// holds these bytes (its version is the ETag), or else was refused or has since been overwritten, which the
    /// caller settles as a refused write (it reloads and tries again, the mark kept).
    /// </summary>
    private async Task<MarkedWrite?> ReadBackAsync(RecordKind kind, StateKey key, byte[] data, string deliveryId, DateTimeOffset markExpires, CancellationToken cancellationToken)
    {
        await using (var mark = _dataSource.CreateCommand(
            "SELECT expires_at FROM notesguard_delivery WHERE channel_id = @channel AND conversation_id = @conversation AND delivery_id = @delivery"))
        {
            mark.Parameters.AddWithValue("channel", key.ChannelId);
            mark.Parameters.AddWithValue("conversation", key.ConversationId);
            mark.Parameters.AddWithValue("delivery", deliveryId);
            switch (await mark.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))
            {
                case null or DBNull:
                    return null;
                case DateTime stored when Microseconds(new DateTimeOffset(DateTime.SpecifyKind(stored, DateTimeKind.Utc))) != markExpires:
                    return MarkedWrite.Duplicate;
                case DateTimeOffset stored when Microseconds(stored) != markExpires:
                    return MarkedWrite.Duplicate;
            }
        }

        var record = await ReadAsync(kind, key, cancellationToken).ConfigureAwait(false);
        return new MarkedWrite(true, true, record is not null && record.Data.AsSpan().SequenceEqual(data) ? record.ETag : null);
    }

    /// <summary>PostgreSQL keeps timestamps to the microsecond.</summary>
    private static DateTimeOffset Microseconds(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    private async Task<MarkedWrite> MarkAndWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, bool create, long expected, TimeSpan timeToLive, string deliveryId, DateTimeOffset markExpires, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand($"""
            WITH {MarkSql},
            written AS ({WriteSql(kind, create, afterMark: true)})
            SELECT EXISTS (SELECT 1 FROM mark), (SELECT version FROM written)
            """);
        AddWriteParameters(command, key, owner, data, expected, timeToLive);
        command.Parameters.AddWithValue("conversation", key.ConversationId);
        command.Parameters.AddWithValue("delivery", deliveryId);
        command.Parameters.AddWithValue("mark_expires", markExpires);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || !reader.GetBoolean(0))
        {
            return MarkedWrite.Duplicate;
        }

        return new MarkedWrite(true, true, reader.IsDBNull(1) ? null : ToETag(reader.GetInt64(1)));
    }

    private const string MarkSql = """
        mark AS (
            INSERT INTO notesguard_delivery AS p (channel_id, conversation_id, delivery_id, expires_at) VALUES (@channel, @conversation, @delivery, @mark_expires)
            ON CONFLICT (channel_id, conversation_id, delivery_id) DO UPDATE SET expires_at = excluded.expires_at WHERE p.expires_at <= @now
            RETURNING 1)
        """;

    /// <summary>
    /// The conditional write: when absent (or present but expired, which is as good as absent), or when the version
    /// still matches. After a mark (in a CTE beside <see cref="MarkSql"/>), only when the mark took.
    /// </summary>
    private static string WriteSql(RecordKind kind, bool create, bool afterMark)
    {
        var table = TableOf(kind);
        return create
            ? $"""
              INSERT INTO {table} AS s (key, channel_id, owner_id, data, version, expires_at)
              SELECT @key, @channel, @owner, @data, nextval('notesguard_state_version'), @expires{(afterMark ? " WHERE EXISTS (SELECT 1 FROM mark)" : "")}
              ON CONFLICT (key) DO UPDATE SET owner_id = excluded.owner_id, data = excluded.data, version = excluded.version, expires_at = excluded.expires_at
              WHERE s.expires_at <= @now
              RETURNING version
              """
            : $"""
              UPDATE {table} SET owner_id = @owner, data = @data, version = nextval('notesguard_state_version'), expires_at = @expires
              WHERE key = @key AND version = @expected AND expires_at > @now{(afterMark ? " AND EXISTS (SELECT 1 FROM mark)" : "")}
              RETURNING version
              """;
    }

    private void AddWriteParameters(NpgsqlCommand command, StateKey key, string owner, byte[] data, long expected, TimeSpan timeToLive)
    {
        var now = Now();
        command.Parameters.AddWithValue("key", key.StorageId);
        command.Parameters.AddWithValue("channel", key.ChannelId);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("data", data);
        command.Parameters.AddWithValue("expires", now + timeToLive);
        command.Parameters.AddWithValue("expected", expected);
        command.Parameters.AddWithValue("now", now);
    }

    public async Task DeleteAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"DELETE FROM {TableOf(kind)} WHERE key = @key");
        command.Parameters.AddWithValue("key", key.StorageId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteOwnedAsync(RecordKind kind, string channelId, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"DELETE FROM {TableOf(kind)} WHERE channel_id = @channel AND owner_id = @owner");
        command.Parameters.AddWithValue("channel", channelId);
        command.Parameters.AddWithValue("owner", owner);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryMarkProcessedAsync(string channelId, string conversationId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO notesguard_delivery AS p (channel_id, conversation_id, delivery_id, expires_at) VALUES (@channel, @conversation, @delivery, @expires)
            ON CONFLICT (channel_id, conversation_id, delivery_id) DO UPDATE SET expires_at = excluded.expires_at WHERE p.expires_at <= @now
            """);
        var now = Now();
        command.Parameters.AddWithValue("channel", channelId);
        command.Parameters.AddWithValue("conversation", conversationId);
        command.Parameters.AddWithValue("delivery", deliveryId);
        command.Parameters.AddWithValue("expires", now + timeToLive);
        command.Parameters.AddWithValue("now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var tables = RecordKind.All.Select(TableOf).Append("notesguard_delivery").ToList();
        var deletes = string.Join(",\n", tables.Select((t, i) => $"d{i} AS (DELETE FROM {t} WHERE expires_at <= @now RETURNING 1)"));
        var counts = string.Join(" + ", tables.Select((_, i) => $"(SELECT count(*) FROM d{i})"));
        await using var command = _dataSource.CreateCommand($"WITH {deletes}\nSELECT {counts}");
        command.Parameters.AddWithValue("now", Now());
        var removed = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(removed, CultureInfo.InvariantCulture);
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var command = _dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    // The schema lock is not disposed: a call waiting on it must still get it and fail on the disposed data source,
    // rather than wait for ever or throw from its release (a SemaphoreSlim holds nothing to free without its handle).
    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync().ConfigureAwait(false);

    public void Dispose() => _dataSource.Dispose();

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (await SchemaInPlaceAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                // Nothing to create: no DDL, so no table locks. CREATE INDEX IF NOT EXISTS takes a SHARE lock on its
                // table even when the index exists, which queued (and once deadlocked) the turns another instance
                // was writing while this one started.
                _schemaReady = true;
                return;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(SchemaSql(), connection, transaction);
            command.Parameters.AddWithValue("lock", SchemaLockId);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await PostgresLegacyMigration.RunAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    /// <summary>
    /// Every table, index and the sequence present in the schema the DDL creates them in (the first on the search
    /// path, not any on it), and no table of an older build left there: a catalog lookup, no locks.
    /// </summary>
    private static async Task<bool> SchemaInPlaceAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var tables = RecordKind.All.Select(TableOf).ToList();
        string[] present =
        [
            "notesguard_state_version", "notesguard_delivery", "notesguard_delivery_expires",
            .. tables, .. tables.Select(t => t + "_owner"), .. tables.Select(t => t + "_expires"),
        ];
        await using var command = new NpgsqlCommand(
            """
            SELECT bool_and(to_regclass(format('%I.%I', current_schema(), name)) IS NOT NULL)
                AND to_regclass(format('%I.%I', current_schema(), 'notesguard_processed')) IS NULL
                AND to_regclass(format('%I.%I', current_schema(), 'notesguard_state')) IS NULL
            FROM unnest(@present) AS name
            """,
            connection);
        command.Parameters.AddWithValue("present", present);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    private static string SchemaSql() =>
        """
        SELECT pg_advisory_xact_lock(@lock);
        CREATE SEQUENCE IF NOT EXISTS notesguard_state_version;
        """ +
        string.Concat(RecordKind.All.Select(TableOf).Select(table => $"""
            CREATE TABLE IF NOT EXISTS {table} (
                key text PRIMARY KEY,
                channel_id text NOT NULL,
                owner_id text NOT NULL,
                data bytea NOT NULL,
                version bigint NOT NULL,
                expires_at timestamptz NOT NULL);
            CREATE INDEX IF NOT EXISTS {table}_owner ON {table} (channel_id, owner_id);
            CREATE INDEX IF NOT EXISTS {table}_expires ON {table} (expires_at);

            """)) +
        """
        CREATE TABLE IF NOT EXISTS notesguard_delivery (
            channel_id text NOT NULL,
            conversation_id text NOT NULL,
            delivery_id text NOT NULL,
            expires_at timestamptz NOT NULL,
            PRIMARY KEY (channel_id, conversation_id, delivery_id));
        CREATE INDEX IF NOT EXISTS notesguard_delivery_expires ON notesguard_delivery (expires_at);
        DROP TABLE IF EXISTS notesguard_processed;
        """;

    private DateTimeOffset Now() => _clock.GetUtcNow().ToUniversalTime();

    private static string ToETag(long version) => version.ToString(CultureInfo.InvariantCulture);
}
