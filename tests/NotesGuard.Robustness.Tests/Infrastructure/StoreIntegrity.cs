using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace NotesGuard.Robustness.Tests;

/// <summary>
/// Reads a SQLite state file the way an operator would, without the app's store classes: every table, every row.
/// A record whose stored JSON does not parse was half-written.
/// </summary>
internal static class StoreIntegrity
{
    public static async Task AssertSqliteRecordsReadableAsync(string dataFolder)
    {
        var broken = new List<string>();
        var records = 0;
        foreach (var (table, column, value) in await SqliteCellsAsync(dataFolder))
        {
            // The stored documents: blobs, or a text column named for them. Keys and ids are not documents even when
            // a crafted id happens to start with a brace.
            var text = value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                string s when column is "data" or "value" or "state" => s,
                _ => null,
            };
            // A welcome marker is an empty record by design: its existence is the whole message.
            if (text is null || (table == "record_welcome_marker" && text.Length == 0))
            {
                continue;
            }

            records++;
            try
            {
                using var _ = JsonDocument.Parse(text);
            }
            catch (JsonException ex)
            {
                broken.Add($"{table}: {ex.Message}");
            }
        }

        Assert.True(records > 0, "no stored documents found: the check would pass on anything");
        Assert.True(broken.Count == 0, $"{broken.Count} of {records} stored records do not parse: {string.Join("; ", broken.Take(5))}");
    }

    /// <summary>Every cell of every table of every SQLite database in the folder.</summary>
    public static async Task<List<(string Table, string Column, object Value)>> SqliteCellsAsync(string dataFolder)
    {
        var cells = new List<(string, string, object)>();
        foreach (var file in Directory.GetFiles(dataFolder, "*.db", SearchOption.AllDirectories))
        {
            // Read-only and unpooled: the running app keeps its own connections; this one must not hold the file.
            var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                await using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        if (!reader.IsDBNull(i))
                        {
                            cells.Add((table, reader.GetName(i), reader.GetValue(i)));
                        }
                    }
                }
            }
        }

        return cells;
    }
}
