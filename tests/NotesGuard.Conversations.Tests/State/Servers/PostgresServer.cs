using System.Globalization;
using Npgsql;

namespace NotesGuard.Conversations.Tests.State.Servers;

/// <summary>
/// A throwaway PostgreSQL cluster from the Debian package (/usr/lib/postgresql/N/bin): initdb into a temporary
/// folder, a free loopback port, its socket in that folder, trust auth on 127.0.0.1 only. initdb refuses to run
/// as root, so as root (CI) it runs as the package's postgres user. Missing PostgreSQL fails every test that needs
/// it: scripts/test-deps installs it.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly bool _asRoot = Environment.UserName == "root";
    private string? _folder;
    private string? _bin;
    private bool _started;

    public string ConnectionString { get; private set; } = "";

    /// <summary>A connection string whose search path is a new, empty schema, so each test starts with no tables.</summary>
    public async Task<string> NewSchemaAsync()
    {
        var schema = $"test_{Guid.NewGuid():N}";
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand($"CREATE SCHEMA {schema}");
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    public async Task InitializeAsync()
    {
        _bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). Install it with: apt-get install -y postgresql (scripts/test-deps does).");
        _folder = Directory.CreateTempSubdirectory("notesguard-pg-").FullName;
        if (_asRoot)
        {
            await ExternalCommand.RunAsync("chown", ["postgres:", _folder], CommandTimeout);
        }

        var data = Path.Combine(_folder, "data");
        await RunAsync("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);

        var port = LoopbackPort.Free();
        var serverOptions = string.Join(' ',
            "-p", port.ToString(CultureInfo.InvariantCulture),
            "-k", _folder,
            "-c", "listen_addresses=127.0.0.1",
            // A test cluster: durability is not wanted, speed is.
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
        await RunAsync("pg_ctl", ["-D", data, "-l", Path.Combine(_folder, "log"), "-w", "-t", "60", "-o", serverOptions, "start"]);
        _started = true;

        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_folder is null)
        {
            return;
        }

        if (_started)
        {
            NpgsqlConnection.ClearAllPools();
            await RunAsync("pg_ctl", ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"]);
        }

        Directory.Delete(_folder, recursive: true);
    }

    private Task RunAsync(string tool, string[] arguments)
    {
        var path = Path.Combine(_bin!, tool);
        return _asRoot
            ? ExternalCommand.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], CommandTimeout)
            : ExternalCommand.RunAsync(path, arguments, CommandTimeout);
    }

    /// <summary>The newest installed PostgreSQL's bin folder.</summary>
    private static string? FindBin()
    {
        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root))
        {
            return null;
        }

        return Directory.GetDirectories(Root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(c => File.Exists(Path.Combine(c.Dir, "initdb")))
            .OrderByDescending(c => c.Version)
            .Select(c => c.Dir)
            .FirstOrDefault();
    }
}
