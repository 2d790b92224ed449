using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace NotesGuard.Conversations.State.KeyRing;

/// <summary>
/// The Data Protection key ring in the shared PostgreSQL database (table "notesguard_data_protection_key"), so
/// every instance encrypts and decrypts Slack tokens with the same keys. Data Protection calls a repository
/// synchronously, and rarely: at start-up, once a day, and when it meets a key id it does not know yet.
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    // The state store's lock id plus one: the same for every instance, distinct from the schema lock.
    private const long SchemaLockId = 0x4e47_5354_4154_46;

    private volatile bool _schemaReady;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureSchema();
        using var command = dataSource.CreateCommand("SELECT xml FROM notesguard_data_protection_key ORDER BY created_at, name");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        EnsureSchema();
        using var command = dataSource.CreateCommand(
            "INSERT INTO notesguard_data_protection_key (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING");
        // Key names are "key-{guid}"; anything else (a revocation) gets a fresh name so nothing is overwritten.
        command.Parameters.AddWithValue("name", string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    private void EnsureSchema()
    {
        if (_schemaReady)
        {
            return;
        }

        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var command = new NpgsqlCommand(
            """
            SELECT pg_advisory_xact_lock(@lock);
            CREATE TABLE IF NOT EXISTS notesguard_data_protection_key (
                name text PRIMARY KEY,
                xml text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now());
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("lock", SchemaLockId);
        command.ExecuteNonQuery();
        transaction.Commit();
        _schemaReady = true;
    }
}
