using System.Diagnostics;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Conformance.Tests.Infrastructure;

/// <summary>
/// Runs the checker scripts in tests/tools, which call the pinned third-party packages. They must be installed
/// (tests/tools/install; scripts/test runs it):
/// a missing peer fails the test rather than skipping it, so CI can never pass without the check.
/// </summary>
public static class PeerTools
{
    public static string ToolsDirectory => TestTools.Location;

    public static (int ExitCode, string Output) Run(string tool, params string[] arguments)
    {
        var psi = new ProcessStartInfo(Path.Combine(ToolsDirectory, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish in 3 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Writes <paramref name="json"/> to a temp file, runs the tool on it, and asserts it passed.</summary>
    public static void AssertValid(string tool, string json, string fileName = "payload.json")
    {
        var dir = Directory.CreateTempSubdirectory("notesguard-peer-").FullName;
        var path = Path.Combine(dir, fileName);
        File.WriteAllText(path, json);
        var (exitCode, output) = Run(tool, path);
        Assert.True(exitCode == 0, $"{tool} rejected {path} (exit {exitCode}):\n{output}\n{json}");
    }

}
