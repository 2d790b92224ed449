using System.Diagnostics;
using System.Text;
using Azure.Storage.Blobs;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Conversations.Tests.State.Servers;

/// <summary>
/// Azurite's blob emulator, pinned in tests/tools/package.json, in memory on a free loopback port.
/// A missing install fails every test that needs it: scripts/test installs it (tests/tools/install).
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
        var azurite = TestTools.Bin("azurite-blob");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}. Run tests/tools/install (scripts/test does).");
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
                $"Azurite did not start on 127.0.0.1:{port}. If it reports a missing module, the install is incomplete: " +
                $"run tests/tools/install --force.\n{Output()}");
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
