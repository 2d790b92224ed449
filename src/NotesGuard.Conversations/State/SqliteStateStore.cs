using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using NotesGuard.Conversations.Engine;

namespace NotesGuard.Conversations.State;

/// <summary>
/// The default store: one SQLite file in WAL mode, one table per <see cref="RecordKind"/> ("record_walkthrough",
/// "record_slack_installation"…) and one for delivery ids ("delivery_id", clustered on its key, with no second
/// index: an insert writes that one page). Writes are conditional on the ETag read (optimistic concurrency), records
/// carry an expiry, and an expired record reads as absent until it is purged.
/// <para>
/// A commit costs SQLite two writes per page it changed (the WAL frame's header and the page), so a turn's commit is
/// kept to two pages: the record's and its delivery id's. An update leaves a record's expiry as it is while that is
/// within <see cref="ExpirySlack"/> of the new one (so the expiry index is not rewritten every turn), and delivery ids
/// have no expiry index (the purge, every few minutes, reads the whole table instead).
/// </para>
/// <para>
/// Every statement here is one short indexed operation on a local file, so the cost of a turn is mostly overhead
/// around them: the store keeps its connections open with their statements prepared (<see cref="Session"/>), so a
/// turn neither reopens a connection nor re-parses SQL, and a turn's write and its delivery id are one transaction
/// (one commit a turn).
/// Microsoft.Data.Sqlite completes its async methods synchronously, so the synchronous calls are used directly.
/// SQLite allows one writer at a time and Microsoft.Data.Sqlite answers a busy database by sleeping the thread
/// (150 ms a try), so this process's writes queue on an async gate instead: concurrent turns wait their turn
/// without blocking threads.
/// </para>
/// </summary>
public sealed class SqliteStateStore : IStateStore, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentBag<Session> _idle = [];
    private readonly ConcurrentQueue<QueuedWrite> _queued = new();

    // At most this many turns in one group commit: a long queue is worked off in several, not one unbounded transaction.
    private const int MaxGroup = 64;

    // Every write runs on this one connection behind the write gate, and so does a read when the gate is free. SQLite
    // drops a connection's page cache whenever another connection has written since its last transaction, so with
    // writes spread over the pool every turn started cold and read its pages again; one writer keeps them warm.
    private Session? _writer;

    // A burst of concurrent turns opens a connection each; keep only this many open afterwards, so one busy minute
    // does not hold dozens of connections (and their prepared statements) for the life of the process.
    internal static readonly int MaxIdle = Environment.ProcessorCount * 4;
    private int _idleCount;
    private volatile bool _disposed;
    private int _disposeStarted;

    public SqliteStateStore(string databasePath, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        _clock = clock;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // The store keeps its own open connections (with their prepared statements); a disposed store closes
            // the file rather than leave it open in Microsoft.Data.Sqlite's pool.
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        CreateSchema();
    }

    /// <summary>The statements a turn uses; each is prepared once per connection, per kind where it names a table.</summary>
    internal enum Statement
    {
        Read,
        Create,
        Update,
        UpdateSameOwner,
        UpdateSameOwnerKeepExpiry,
        Delete,
        MarkProcessed,
        Begin,
        Commit,
        Savepoint,
        RollbackToSavepoint,
        ReleaseSavepoint,
    }

    public string DatabasePath => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    /// <summary>The table holding one kind of record; names come from code, never from input.</summary>
    public static string TableOf(RecordKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return "record_" + kind.Name;
    }

    public Task<StoredState?> ReadAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        // On the writer connection when it is free: its page cache is warm (every other connection's is dropped
        // by the writer's next commit). When it is busy, on a pooled connection rather than wait.
        if (_writeGate.Wait(0, CancellationToken.None))
        {
            try
            {
                return Task.FromResult(Read(Writer(), kind, key.StorageId));
            }
            catch
            {
                DropWriter();
                throw;
            }
            finally
            {
                _writeGate.Release();
            }
        }

        var session = Rent();
        StoredState? stored;
        try
        {
            stored = Read(session, kind, key.StorageId);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        Return(session);
        return Task.FromResult(stored);
    }

    public Task<string?> TryWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(data);
        var etag = NewETag();
        return WriteAsync(session => Write(session, kind, key, owner, data, etag, expectedETag, timeToLive) ? etag : null, cancellationToken);
    }

    public bool MarksWithWrite => true;

    /// <summary>
    /// The delivery id's insert and the record's write in one transaction on the writer connection. Turns that arrive
    /// while another commits queue here, and whoever next holds the write gate commits every queued turn in one
    /// transaction (group commit), each in its own savepoint: a refused write rolls back its own mark only, and the
    /// locks, the WAL header and the pages the turns share are paid once for all of them.
    /// </summary>
    public async Task<MarkedWrite> TryMarkProcessedAndWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(data);
        cancellationToken.ThrowIfCancellationRequested();
        var turn = new QueuedWrite(kind, key, owner, data, expectedETag, timeToLive, deliveryId, duplicateWindow, NewETag());
        _queued.Enqueue(turn);
        try
        {
            await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!turn.TryWithdraw())
        {
            // Cancelled too late: a group commit has taken this turn, so its outcome is what happened.
            return await turn.Done.Task.ConfigureAwait(false);
        }

        try
        {
            while (!turn.Done.Task.IsCompleted)
            {
                if (CommitQueued() == 0 && !turn.Done.Task.IsCompleted)
                {
                    // Cannot happen (this turn was queued and nobody else completes it); never spin holding the gate.
                    turn.Done.TrySetException(new InvalidOperationException("a queued write was lost"));
                }
            }
        }
        finally
        {
            _writeGate.Release();
        }

        return await turn.Done.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Commits the queued turns (up to <see cref="MaxGroup"/>, this caller's among them) in one transaction; only while
    /// holding the write gate. Every turn taken is completed, whatever happens. Returns how many were taken.
    /// </summary>
    private int CommitQueued()
    {
        var batch = new List<QueuedWrite>();
        while (batch.Count < MaxGroup && _queued.TryDequeue(out var queued))
        {
            if (queued.TryClaim())
            {
                batch.Add(queued);
            }
        }

        try
        {
            Commit(batch);
        }
        finally
        {
            foreach (var turn in batch.Where(turn => !turn.Done.Task.IsCompleted))
            {
                turn.Done.TrySetException(new InvalidOperationException("the group commit stopped before this turn's outcome was known"));
            }
        }

        return batch.Count;
    }

    private void Commit(List<QueuedWrite> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var outcomes = new (MarkedWrite Outcome, Exception? Failure)[batch.Count];
        try
        {
            var session = Writer();
            session.Prepared(Statement.Begin, kind: null).ExecuteNonQuery();
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = Apply(session, batch[i]);
            }

            session.Prepared(Statement.Commit, kind: null).ExecuteNonQuery();
        }
        catch (Exception ex)
        {
            // Closing the connection rolls back whatever the failed statement left open; nothing of the group stays,
            // so every turn in it fails (a BEGIN or COMMIT that fails fails them all).
            DropWriter();
            batch.ForEach(turn => turn.Done.TrySetException(ex));
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Failure is { } failure)
            {
                batch[i].Done.TrySetException(failure);
            }
            else
            {
                batch[i].Done.TrySetResult(outcomes[i].Outcome);
            }
        }
    }

    /// <summary>One queued turn inside the group's transaction, in its own savepoint.</summary>
    private (MarkedWrite Outcome, Exception? Failure) Apply(Session session, QueuedWrite turn)
    {
        session.Prepared(Statement.Savepoint, kind: null).ExecuteNonQuery();
        MarkedWrite outcome;
        try
        {
            outcome = MarkedWrite.Duplicate;
            if (Mark(session, turn.Key.ChannelId, turn.Key.ConversationId, turn.DeliveryId, turn.DuplicateWindow))
            {
                outcome = Write(session, turn.Kind, turn.Key, turn.Owner, turn.Data, turn.ETag, turn.ExpectedETag, turn.TimeToLive)
                    ? new MarkedWrite(true, true, turn.ETag)
                    : new MarkedWrite(true, false, null);
            }
        }
        catch (SqliteException ex)
        {
            // This turn's statement failed (a constraint, a trigger): undo it alone; the others still commit.
            try
            {
                session.Prepared(Statement.RollbackToSavepoint, kind: null).ExecuteNonQuery();
                session.Prepared(Statement.ReleaseSavepoint, kind: null).ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // The error took the whole transaction with it (a full disk, an I/O error): the group fails, with
                // this error as the cause rather than the missing savepoint.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex);
            }

            return (default, ex);
        }

        if (outcome.ETag is null)
        {
            session.Prepared(Statement.RollbackToSavepoint, kind: null).ExecuteNonQuery();
        }

        session.Prepared(Statement.ReleaseSavepoint, kind: null).ExecuteNonQuery();
        return (outcome, null);
    }

    /// <summary>A turn's write waiting for the next group commit.</summary>
    private sealed record QueuedWrite(
        RecordKind Kind, StateKey Key, string Owner, byte[] Data, string? ExpectedETag, TimeSpan TimeToLive, string DeliveryId, TimeSpan DuplicateWindow, string ETag)
    {
        private int _state; // 0 queued, 1 taken by a group commit, 2 withdrawn by its cancelled caller

        public TaskCompletionSource<MarkedWrite> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>A group commit takes the turn; false when its caller withdrew it first.</summary>
        public bool TryClaim() => Interlocked.CompareExchange(ref _state, 1, 0) == 0;

        /// <summary>The cancelled caller withdraws the turn; false when a group commit has already taken it.</summary>
        public bool TryWithdraw() => Interlocked.CompareExchange(ref _state, 2, 0) == 0;
    }

    public Task DeleteAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return WriteAsync(
            session =>
            {
                var command = session.Prepared(Statement.Delete, kind);
                command.Parameters[0].Value = key.StorageId;
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task<int> DeleteOwnedAsync(RecordKind kind, string channelId, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return WriteAsync(
            session =>
            {
                // Rare ("forget me"): not worth keeping prepared.
                using var command = session.Connection.CreateCommand();
                command.CommandText = $"DELETE FROM {TableOf(kind)} WHERE channel = $channel AND owner = $owner";
                command.Parameters.AddWithValue("$channel", channelId);
                command.Parameters.AddWithValue("$owner", owner);
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public Task<bool> TryMarkProcessedAsync(string channelId, string conversationId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
        WriteAsync(session => Mark(session, channelId, conversationId, deliveryId, timeToLive), cancellationToken);

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) =>
        WriteAsync(
            session =>
            {
                using var command = session.Connection.CreateCommand();
                command.CommandText = string.Concat(RecordKind.All.Select(k => $"DELETE FROM {TableOf(k)} WHERE expires <= $now; ")) + "DELETE FROM delivery_id WHERE expires <= $now;";
                command.Parameters.AddWithValue("$now", Now());
                return command.ExecuteNonQuery();
            },
            cancellationToken);

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            // A fresh connection: one kept open still reaches a file whose folder has been deleted.
            await using var connection = new SqliteConnection(_connectionString);
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

    /// <summary>
    /// Closes the store's connections. A commit in progress finishes first (its connection is not closed under it);
    /// turns still queued for the writer, and any call after this, fail with <see cref="ObjectDisposedException"/>
    /// rather than wait for a writer that will not come.
    /// </summary>
    public void Dispose()
    {
        // Once, whoever calls it at the same time.
        if (Interlocked.Exchange(ref _disposeStarted, 1) != 0)
        {
            return;
        }

        _disposed = true;
        // Waits for whoever holds the writer: a statement running on it, bounded by SQLite's busy timeout. (Never
        // called with the gate held: the store's own code only holds it for a statement, not across a Dispose.)
        _writeGate.Wait();
        try
        {
            DropWriter();
        }
        finally
        {
            // Not disposed: whoever waits for the gate must still get it, find the store disposed (Writer throws) and fail.
            _writeGate.Release();
        }

        while (_idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            session.Dispose();
        }
    }

    /// <summary>A statement's SQL and its parameters, in the order the callers set them.</summary>
    private static (string Sql, string[] Parameters) SqlOf(Statement statement, RecordKind? kind)
    {
        const string markProcessed =
            """
            INSERT INTO delivery_id (channel, conversation, delivery, expires) VALUES ($channel, $conversation, $delivery, $expires)
            ON CONFLICT (channel, conversation, delivery) DO UPDATE SET expires = excluded.expires WHERE delivery_id.expires <= $now
            """;
        string[] write = ["$id", "$channel", "$owner", "$data", "$etag", "$expires", "$now"];
        string[] delivery = ["$channel", "$conversation", "$delivery", "$expires", "$now"];
        var table = kind is null ? "" : TableOf(kind);
        return statement switch
        {
            Statement.Read => ($"SELECT data, etag, expires FROM {table} WHERE id = $id AND expires > $now", ["$id", "$now"]),
            // Only when absent, or present but expired (an expired record is as good as absent).
            Statement.Create => ($"""
                                  INSERT INTO {table} (id, channel, owner, data, etag, expires) VALUES ($id, $channel, $owner, $data, $etag, $expires)
                                  ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, data = excluded.data, etag = excluded.etag, expires = excluded.expires
                                  WHERE {table}.expires <= $now
                                  """, write),
            // $channel is bound but unused: the same parameter order as Create.
            Statement.Update => ($"UPDATE {table} SET owner = $owner, data = $data, etag = $etag, expires = $expires WHERE id = $id AND etag = $expected AND expires > $now",
                                 [.. write, "$expected"]),
            // The usual update (a walkthrough's owner is in its key, and its last turn was minutes ago): neither owner
            // nor expires in SET, so SQLite leaves both indexes alone and the commit writes the record's page only.
            // Matches only while the stored expiry is within the slack short of the new one ($keep = new expiry -
            // slack), never later than it: a shorter time to live than the record was written with takes effect.
            Statement.UpdateSameOwnerKeepExpiry => ($"UPDATE {table} SET data = $data, etag = $etag WHERE id = $id AND owner = $owner AND etag = $expected AND expires > $now AND expires >= $keep AND expires <= $expires",
                                                    [.. write, "$expected", "$keep"]),
            // The same owner, an expiry to move on: the owner index is still left alone.
            Statement.UpdateSameOwner => ($"UPDATE {table} SET data = $data, etag = $etag, expires = $expires WHERE id = $id AND owner = $owner AND etag = $expected AND expires > $now",
                                          [.. write, "$expected"]),
            Statement.Delete => ($"DELETE FROM {table} WHERE id = $id", ["$id"]),
            Statement.MarkProcessed => (markProcessed, delivery),
            // IMMEDIATE: the write lock is taken at the start, so another process's writer cannot make this
            // transaction's insert fail half way with SQLITE_BUSY.
            Statement.Begin => ("BEGIN IMMEDIATE", []),
            Statement.Commit => ("COMMIT", []),
            Statement.Savepoint => ("SAVEPOINT turn", []),
            Statement.RollbackToSavepoint => ("ROLLBACK TO turn", []),
            Statement.ReleaseSavepoint => ("RELEASE turn", []),
            _ => throw new ArgumentOutOfRangeException(nameof(statement)),
        };
    }

    /// <summary>
    /// A write outside the group commit (a plain write, a mark alone, delete, forget me, purge) on the writer session,
    /// behind the write gate; a failed statement drops the connection.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<Session, T> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return write(Writer());
        }
        catch
        {
            DropWriter();
            throw;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private StoredState? Read(Session session, RecordKind kind, string id)
    {
        var command = session.Prepared(Statement.Read, kind);
        command.Parameters[0].Value = id;
        command.Parameters[1].Value = Now();
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new StoredState((byte[])reader.GetValue(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
            : null;
    }

    /// <summary>The conditional insert or update of a record; true when it took.</summary>
    private bool Write(Session session, RecordKind kind, StateKey key, string owner, byte[] data, string etag, string? expectedETag, TimeSpan timeToLive)
    {
        if (expectedETag is null)
        {
            return Execute(session.Prepared(Statement.Create, kind), key, owner, data, etag, expectedETag, timeToLive);
        }

        // From the cheapest to the most general; a refused write (another ETag) tries all three and takes none.
        return Execute(session.Prepared(Statement.UpdateSameOwnerKeepExpiry, kind), key, owner, data, etag, expectedETag, timeToLive)
            || Execute(session.Prepared(Statement.UpdateSameOwner, kind), key, owner, data, etag, expectedETag, timeToLive)
            || Execute(session.Prepared(Statement.Update, kind), key, owner, data, etag, expectedETag, timeToLive);
    }

    private bool Execute(SqliteCommand command, StateKey key, string owner, byte[] data, string etag, string? expectedETag, TimeSpan timeToLive)
    {
        var now = Now();
        var expires = now + (long)timeToLive.TotalMilliseconds;
        var parameters = command.Parameters;
        parameters[0].Value = key.StorageId;
        parameters[1].Value = key.ChannelId;
        parameters[2].Value = owner;
        parameters[3].Value = data;
        parameters[4].Value = etag;
        parameters[5].Value = expires;
        parameters[6].Value = now;
        if (expectedETag is not null)
        {
            parameters[7].Value = expectedETag;
        }

        if (parameters.Count > 8)
        {
            parameters[8].Value = expires - (long)ExpirySlack(timeToLive).TotalMilliseconds;
        }

        return command.ExecuteNonQuery() == 1;
    }

    private bool Mark(Session session, string channelId, string conversationId, string deliveryId, TimeSpan timeToLive)
    {
        var command = session.Prepared(Statement.MarkProcessed, kind: null);
        var now = Now();
        var parameters = command.Parameters;
        parameters[0].Value = channelId;
        parameters[1].Value = conversationId;
        parameters[2].Value = deliveryId;
        parameters[3].Value = now + (long)timeToLive.TotalMilliseconds;
        parameters[4].Value = now;
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>The writer session (opened on first use); only while holding the write gate.</summary>
    private Session Writer()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _writer ??= new Session(_connectionString);
    }

    /// <summary>After a failed statement (only while holding the write gate): the next write opens a fresh connection.</summary>
    private void DropWriter()
    {
        // Forgotten before it is closed: a close that throws must not leave the next write a closed connection.
        var writer = _writer;
        _writer = null;
        writer?.Dispose();
    }

    /// <summary>An idle session, or a new one; a session whose statement failed is disposed by its user, not returned.</summary>
    internal Session Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return idle;
        }

        return new Session(_connectionString);
    }

    internal void Return(Session session)
    {
        if (_disposed)
        {
            session.Dispose();
            return;
        }

        if (Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            session.Dispose();
            return;
        }

        _idle.Add(session);
        // A Dispose that ran meanwhile may have emptied the pool before this Add: the flag is read after it, never
        // before (Dispose sets the flag before it takes the gate, a full fence, and then empties the pool).
        Interlocked.MemoryBarrier();
        if (_disposed && _idle.TryTake(out var late))
        {
            Interlocked.Decrement(ref _idleCount);
            late.Dispose();
        }
    }

    /// <summary>For tests: holds the write gate until disposed, so the writes started meanwhile queue for one group commit.</summary>
    internal async Task<IDisposable> HoldWritesAsync()
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        return new Releaser(_writeGate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    /// <summary>How many open connections wait for the next call (for tests: the pool stays bounded after a burst).</summary>
    internal int IdleConnections => Volatile.Read(ref _idleCount);

    // A deleted or replaced record's bytes are overwritten with zeros, not left in free space: set on every connection.
    private const string SecureDelete = "PRAGMA secure_delete = ON";

    private void CreateSchema()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var secure = connection.CreateCommand())
        {
            // The legacy migration deletes and drops tables of records: their bytes are zeroed too (see Session).
            secure.CommandText = SecureDelete;
            secure.ExecuteNonQuery();
        }

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
            CREATE TABLE IF NOT EXISTS delivery_id (
                channel TEXT NOT NULL,
                conversation TEXT NOT NULL,
                delivery TEXT NOT NULL,
                expires INTEGER NOT NULL,
                PRIMARY KEY (channel, conversation, delivery)) WITHOUT ROWID;
            DROP INDEX IF EXISTS delivery_id_expires;
            DROP TABLE IF EXISTS processed;
            """;
        command.ExecuteNonQuery();
        SqliteLegacyMigration.Run(connection, transaction);
        SqliteLegacyMigration.MoveDeliveryIds(connection, transaction);
        transaction.Commit();

        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode = WAL";
        wal.ExecuteNonQuery();
    }

    private long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// How far short of "now + time to live" an updated record's expiry may stay: 1% of the time to live, at most five
    /// minutes (a walkthrough's day-long expiry moves on at most every five minutes). A record never lives longer than
    /// its time to live after its last write, only up to this much shorter.
    /// </summary>
    internal static TimeSpan ExpirySlack(TimeSpan timeToLive) =>
        TimeSpan.FromTicks(Math.Min(timeToLive.Ticks / 100, TimeSpan.FromMinutes(5).Ticks));

    private static string NewETag()
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        return Convert.ToHexStringLower(random);
    }

    /// <summary>
    /// One open connection and the statements prepared on it, used by one operation at a time. Kept open so a
    /// turn pays neither an open (with its PRAGMA) nor SQL parsing: a prepared statement is only reset and rebound.
    /// </summary>
    internal sealed class Session : IDisposable
    {
        private readonly Dictionary<(Statement, RecordKind?), SqliteCommand> _prepared = [];

        public Session(string connectionString)
        {
            Connection = new SqliteConnection(connectionString);
            try
            {
                Connection.Open();
                using var pragma = Connection.CreateCommand();
                // WAL with NORMAL sync: commits survive an app crash; only a power cut can lose the last few turns.
                // secure_delete: a deleted or replaced record's bytes are overwritten with zeros, not left in the
                // page's free space for anyone with a copy of the file ("forget me", expiry). The pages it zeroes are
                // the ones a delete writes anyway, plus any page freed whole.
                pragma.CommandText = "PRAGMA synchronous = NORMAL; " + SecureDelete;
                pragma.ExecuteNonQuery();
            }
            catch
            {
                Connection.Dispose();
                throw;
            }
        }

        public SqliteConnection Connection { get; }

        /// <summary>The statement, prepared on first use with the parameters <see cref="SqlOf"/> lists; the caller sets their values.</summary>
        public SqliteCommand Prepared(Statement statement, RecordKind? kind)
        {
            if (_prepared.TryGetValue((statement, kind), out var command))
            {
                return command;
            }

            var (sql, parameterNames) = SqlOf(statement, kind);
            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            command.Prepare();
            _prepared[(statement, kind)] = command;
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _prepared.Values)
            {
                command.Dispose();
            }

            Connection.Dispose();
        }
    }
}
