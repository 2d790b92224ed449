using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NotesGuard.Robustness.Tests;

/// <summary>
/// The built NotesGuard.Bot.dll as a real process on a loopback port, configured only through environment variables
/// as an operator would, with its stdout and stderr kept. It can be killed hard (SIGKILL) or stopped as a host stops it.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public int ProcessId => _process.Id;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string BotDll { get; } = FindBotDll();

    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var port = LoopbackPortFree();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // The content root: appsettings.json and the rulebook sit beside the dll.
            WorkingDirectory = Path.GetDirectoryName(BotDll)!,
        };
        start.ArgumentList.Add(BotDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

        // Only what the test gives: no developer settings leaking in from the environment.
        foreach (var key in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start NotesGuard.Bot");
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilLiveAsync();
        return app;
    }

    /// <summary>kill -9: no shutdown hooks, no flushing, in the middle of whatever it was doing.</summary>
    public async Task KillHardAsync()
    {
        if (!_process.HasExited)
        {
            // Process.Kill sends SIGKILL on Linux.
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM, as a host stops the app: the app finishes its shutdown and flushes its logs.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            await KillHardAsync();
        }

        // Let the redirected streams drain to the end.
        _process.WaitForExit();
    }

    private async Task WaitUntilLiveAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"NotesGuard.Bot exited with {_process.ExitCode} at start:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"NotesGuard.Bot did not answer /healthz within 60 s:\n{Output}");
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

    private static int LoopbackPortFree() => NotesGuard.Conversations.Tests.State.Servers.LoopbackPort.Free();

    private static string FindBotDll()
    {
        // bin/<Configuration>/<tfm>/ of this test project; the app is built beside it by the project reference.
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = baseDir.Name;
        var configuration = baseDir.Parent!.Name;
        for (var dir = baseDir; dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "src", "NotesGuard.Bot", "bin", configuration, tfm, "NotesGuard.Bot.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new FileNotFoundException("NotesGuard.Bot.dll not found beside the sources; build tests/NotesGuard.Robustness.Tests (it builds the app)");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await KillHardAsync();
        _process.Dispose();
    }
}
