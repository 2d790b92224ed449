using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Npgsql;
using NotesGuard.Conversations.Tests.State.Servers;

namespace NotesGuard.Robustness.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster (as tests/NotesGuard.Conversations.Tests starts one) that a test can stop and start
/// again on the same port and data, to take the store away under a running app and give it back.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private readonly bool _asRoot = Environment.UserName == "root";
    private string _folder = "";
    private string _bin = "";
    private int _port;
    private bool _running;

    public string ConnectionString { get; private set; } = "";

    public int Stops { get; private set; }

    /// <summary>A connection string whose search path is a new, empty schema, so each test has its own tables.</summary>
    public async Task<string> NewSchemaAsync()
    {
        var schema = $"robust_{Guid.NewGuid():N}";
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand($"CREATE SCHEMA {schema}");
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Every row of every table in the schemas the tests made, as PostgreSQL prints it.</summary>
    public async Task<string> DumpAsync()
    {
        var dump = new StringBuilder();
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        var tables = new List<string>();
        await using (var list = dataSource.CreateCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            dump.AppendLine(table);
            await using var select = dataSource.CreateCommand($"SELECT * FROM {table}");
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    // bytea as its bytes (PostgreSQL would print it as hex), everything else as text.
                    dump.Append(reader.IsDBNull(i) ? "" : reader.GetValue(i) is byte[] bytes ? Encoding.Latin1.GetString(bytes) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('\t');
                }

                dump.AppendLine();
            }
        }

        return dump.ToString();
    }

    public async Task InitializeAsync()
    {
        _bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), CultureInfo.InvariantCulture, out var v) ? v : -1)
            .FirstOrDefault() ?? throw new InvalidOperationException("PostgreSQL is not installed: apt-get install -y postgresql (scripts/test-deps does).");
        _folder = Directory.CreateTempSubdirectory("notesguard-robust-pg-").FullName;
        if (_asRoot)
        {
            await ExternalCommand.RunAsync("chown", ["postgres:", _folder], CommandTimeout);
        }

        await RunAsync("initdb", ["-D", Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        _port = LoopbackPort.Free();
        await StartAsync();
        ConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "postgres", Database = "postgres" }.ConnectionString;
    }

    public async Task StartAsync()
    {
        var options = string.Join(' ', "-p", _port.ToString(CultureInfo.InvariantCulture), "-k", _folder, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off");
        await RunAsync("pg_ctl", ["-D", Data, "-l", Path.Combine(_folder, "log"), "-w", "-t", "60", "-o", options, "start"]);
        _running = true;
    }

    /// <summary>Stops the server at once (connections are cut), as a crash or a failover would.</summary>
    public async Task StopAsync()
    {
        await RunAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
        _running = false;
        Stops++;
    }

    private string Data => Path.Combine(_folder, "data");

    public async Task DisposeAsync()
    {
        if (_running)
        {
            NpgsqlConnection.ClearAllPools();
            await StopAsync();
        }

        if (_folder.Length > 0)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task RunAsync(string tool, string[] arguments)
    {
        var path = Path.Combine(_bin, tool);
        return _asRoot
            ? ExternalCommand.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], CommandTimeout)
            : ExternalCommand.RunAsync(path, arguments, CommandTimeout);
    }
}

/// <summary>
/// Azurite's blob emulator from the peers cache, persisting to a folder so that it can be stopped and started again
/// on the same port without losing what was stored.
/// </summary>
public sealed class AzuriteBlob : IAsyncLifetime
{
    // Azure's publicly documented development account key (Azurite's default), not a secret.
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder _output = new();
    private Process? _process;
    private string _location = "";
    private int _port;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}/devstoreaccount1;";

    public int Stops { get; private set; }

    /// <summary>Every container's blob names, metadata and contents.</summary>
    public async Task<string> DumpAsync()
    {
        var dump = new StringBuilder();
        var service = new BlobServiceClient(ConnectionString);
        await foreach (var container in service.GetBlobContainersAsync())
        {
            var client = service.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Traits = Azure.Storage.Blobs.Models.BlobTraits.Metadata }))
            {
                dump.AppendLine($"{container.Name}/{blob.Name} {string.Join(",", blob.Metadata.Select(m => $"{m.Key}={m.Value}"))}");
                var content = await client.GetBlobClient(blob.Name).DownloadContentAsync();
                dump.AppendLine(Encoding.Latin1.GetString(content.Value.Content.ToArray()));
            }
        }

        return dump.ToString();
    }

    public async Task InitializeAsync()
    {
        _location = Directory.CreateTempSubdirectory("notesguard-robust-azurite-").FullName;
        _port = LoopbackPort.Free();
        await StartAsync();
    }

    public async Task StartAsync()
    {
        var peers = Environment.GetEnvironmentVariable("NOTESGUARD_PEERS");
        if (string.IsNullOrEmpty(peers))
        {
            peers = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "notesguard-peers");
        }

        var azurite = Path.Combine(peers, "node_modules", ".bin", "azurite-blob");
        var psi = new ProcessStartInfo(azurite) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _location };
        foreach (var argument in new[]
                 {
                     "--blobHost", "127.0.0.1", "--blobPort", _port.ToString(CultureInfo.InvariantCulture),
                     "--location", _location, "--skipApiVersionCheck", "--disableTelemetry", "--silent",
                 })
        {
            psi.ArgumentList.Add(argument);
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {azurite}");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!await LoopbackPort.WaitUntilListeningAsync(_port, TimeSpan.FromSeconds(60), () => _process.HasExited))
        {
            throw new InvalidOperationException($"Azurite did not start on 127.0.0.1:{_port}:\n{_output}");
        }
    }

    /// <summary>SIGTERM, as the service is stopped: Azurite saves what it holds and exits.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process?.Dispose();
        _process = null;
        Stops++;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (_location.Length > 0)
        {
            Directory.Delete(_location, recursive: true);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

/// <summary>One PostgreSQL and one Azurite for the robustness tests that need a shared store; the tests in it run one at a time.</summary>
public sealed class SharedStores : IAsyncLifetime
{
    public PostgresCluster Postgres { get; } = new();

    public AzuriteBlob Azurite { get; } = new();

    public Task InitializeAsync() => Task.WhenAll(Postgres.InitializeAsync(), Azurite.InitializeAsync());

    public Task DisposeAsync() => Task.WhenAll(Postgres.DisposeAsync(), Azurite.DisposeAsync());
}

[CollectionDefinition(Name)]
public sealed class SharedStoresCollection : ICollectionFixture<SharedStores>
{
    public const string Name = "Shared stores";
}
