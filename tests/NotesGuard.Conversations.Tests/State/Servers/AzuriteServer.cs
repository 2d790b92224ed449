using System.Diagnostics;
using System.Text;
using Azure.Storage.Blobs;

namespace NotesGuard.Conversations.Tests.State.Servers;

/// <summary>
/// Azurite's blob emulator from the peers cache (shared/tools/peers-install), in memory on a free loopback port.
/// Missing peers fail every test that needs it: scripts/test installs them.
/// </summary>
public sealed class AzuriteServer : IAsyncLifetime
{
    // Azure's publicly documented development account key (Azurite's default), not a secret.
    private const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _location;

    public string ConnectionString { get; private set; } = "";

    /// <summary>A new, empty container on the emulator, so each test starts with nothing stored.</summary>
    public BlobContainerClient NewContainer() =>
        new BlobServiceClient(ConnectionString).GetBlobContainerClient($"test-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        var peers = Environment.GetEnvironmentVariable("NOTESGUARD_PEERS");
        if (string.IsNullOrEmpty(peers))
        {
            peers = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "notesguard-peers");
        }

        var azurite = Path.Combine(peers, "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {azurite}. Run ../shared/tools/peers-install (scripts/test does) or set NOTESGUARD_PEERS.");
        }

        _location = Directory.CreateTempSubdirectory("notesguard-azurite-").FullName;
        var port = LoopbackPort.Free();
        var psi = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // In memory, Azurite needs no --location; a private working folder catches anything it writes anyway.
            WorkingDirectory = _location,
        };
        foreach (var argument in new[]
                 {
                     "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent",
                 })
        {
            psi.ArgumentList.Add(argument);
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {azurite}.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        if (!await LoopbackPort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => _process.HasExited))
        {
            throw new InvalidOperationException(
                $"Azurite did not start on 127.0.0.1:{port}. If it reports a missing module, the peers cache is incomplete: " +
                $"run ../shared/tools/peers-install --force (scripts/test-deps does).\n{Output()}");
        }

        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_location is not null)
        {
            Directory.Delete(_location, recursive: true);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
