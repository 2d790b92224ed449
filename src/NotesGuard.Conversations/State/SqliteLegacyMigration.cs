using Microsoft.Data.Sqlite;

namespace NotesGuard.Conversations.State;

/// <summary>Moves the rows of the pre-kinds "walkthrough" table into "record_walkthrough" once (see <see cref="LegacyRecords"/>).</summary>
internal static class SqliteLegacyMigration
{
    public static void Run(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (!TableExists(connection, transaction, "walkthrough"))
        {
            return;
        }

        var rows = new List<(string Id, string Channel, string User, byte[] Data, string ETag, long Expires)>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT id, channel, user, data, etag, expires FROM walkthrough WHERE channel <> $refs";
            select.Parameters.AddWithValue("$refs", LegacyRecords.TeamsReferenceChannel);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3), reader.GetString(4), reader.GetInt64(5)));
            }
        }

        foreach (var row in rows)
        {
            if (LegacyRecords.Parse(row.Id, row.Channel, row.User) is not { } key)
            {
                continue;
            }

            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"""
                INSERT OR IGNORE INTO {SqliteStateStore.TableOf(RecordKind.Walkthrough)} (id, channel, owner, data, etag, expires)
                VALUES ($id, $channel, $owner, $data, $etag, $expires)
                """;
            insert.Parameters.AddWithValue("$id", key.StorageId);
            insert.Parameters.AddWithValue("$channel", key.ChannelId);
            insert.Parameters.AddWithValue("$owner", key.UserId);
            insert.Parameters.AddWithValue("$data", row.Data);
            insert.Parameters.AddWithValue("$etag", row.ETag);
            insert.Parameters.AddWithValue("$expires", row.Expires);
            insert.ExecuteNonQuery();
        }

        using var drop = connection.CreateCommand();
        drop.Transaction = transaction;
        drop.CommandText = "DROP TABLE walkthrough";
        drop.ExecuteNonQuery();
    }

    /// <summary>
    /// Delivery ids used to live in a rowid table "delivery" (its key a separate index, so each insert wrote one
    /// page more): they move to "delivery_id" (expired ones too; the purge removes them), so a retry across the
    /// upgrade is still recognised, and the old table goes. A process of the previous build still running on the
    /// file would then fail its turns: SQLite is for one instance, so stop the old one before starting the new.
    /// </summary>
    public static void MoveDeliveryIds(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (!TableExists(connection, transaction, "delivery"))
        {
            return;
        }

        using var move = connection.CreateCommand();
        move.Transaction = transaction;
        move.CommandText = """
            INSERT OR IGNORE INTO delivery_id (channel, conversation, delivery, expires) SELECT channel, conversation, delivery, expires FROM delivery;
            DROP TABLE delivery;
            """;
        move.ExecuteNonQuery();
    }

    private static bool TableExists(SqliteConnection connection, SqliteTransaction transaction, string name)
    {
        using var exists = connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        exists.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
