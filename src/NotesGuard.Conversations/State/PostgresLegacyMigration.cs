using Npgsql;

namespace NotesGuard.Conversations.State;

/// <summary>
/// Moves the rows of the pre-kinds "notesguard_state" table into "notesguard_walkthrough" once, inside the schema
/// transaction and its advisory lock, so instances starting together move them exactly once (see <see cref="LegacyRecords"/>).
/// </summary>
internal static class PostgresLegacyMigration
{
    public static async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('notesguard_state') IS NOT NULL", connection, transaction))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return;
            }
        }

        var rows = new List<(string Key, string Channel, string User, byte[] Data, long Version, DateTimeOffset Expires)>();
        await using (var select = new NpgsqlCommand(
                         "SELECT key, channel_id, user_id, data, version, expires_at FROM notesguard_state WHERE channel_id <> @refs", connection, transaction))
        {
            select.Parameters.AddWithValue("refs", LegacyRecords.TeamsReferenceChannel);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3), reader.GetInt64(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }

        foreach (var row in rows)
        {
            if (LegacyRecords.Parse(row.Key, row.Channel, row.User) is not { } key)
            {
                continue;
            }

            await using var insert = new NpgsqlCommand(
                $"""
                INSERT INTO {PostgresStateStore.TableOf(RecordKind.Walkthrough)} (key, channel_id, owner_id, data, version, expires_at)
                VALUES (@key, @channel, @owner, @data, @version, @expires) ON CONFLICT (key) DO NOTHING
                """,
                connection,
                transaction);
            insert.Parameters.AddWithValue("key", key.StorageId);
            insert.Parameters.AddWithValue("channel", key.ChannelId);
            insert.Parameters.AddWithValue("owner", key.UserId);
            insert.Parameters.AddWithValue("data", row.Data);
            insert.Parameters.AddWithValue("version", row.Version);
            insert.Parameters.AddWithValue("expires", row.Expires);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var drop = new NpgsqlCommand("DROP TABLE notesguard_state", connection, transaction);
        await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
