using System.Diagnostics;

namespace NotesGuard.Cli.Tests;

/// <summary>
/// Runs the built <c>notesguard.dll</c> as a real process, as a user or script would. The test project builds
/// the CLI (a ReferenceOutputAssembly=false project reference); its dll is found next to this test's build,
/// in the same Configuration.
/// </summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string CliDll { get; } = FindCli();

    public static string RepoRoot { get; } = FindRepoRoot();

    public static Result Run(string[] args, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The child must not pick up a developer's own practice settings.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Practice__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"notesguard {string.Join(' ', args)} did not finish");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindCli()
    {
        // bin/<Configuration>/<tfm>/ of this test project.
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = baseDir.Name;
        var configuration = baseDir.Parent!.Name;
        var dll = Path.Combine(FindRepoRoot(), "src", "NotesGuard.Cli", "bin", configuration, tfm, "notesguard.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"the built CLI is missing at {dll}; build tests/NotesGuard.Cli.Tests (it builds the CLI)", dll);
        }

        return dll;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotesGuard.Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no NotesGuard.Bot.sln above {AppContext.BaseDirectory}");
    }
}
