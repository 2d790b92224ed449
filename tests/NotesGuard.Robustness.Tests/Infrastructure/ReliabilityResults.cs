using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotesGuard.Robustness.Tests;

/// <summary>
/// Where the suite leaves its counts for scripts/reliability-report: one JSON file per recorded check in
/// NOTESGUARD_RELIABILITY_RESULTS (default artifacts/reliability under the repository), so parallel test classes
/// never write the same file.
/// </summary>
internal static class ReliabilityResults
{
    public const string FolderVariable = "NOTESGUARD_RELIABILITY_RESULTS";

    public static string Folder { get; } = FindFolder();

    public static void Record(string check, params (string Name, int Value)[] counts)
    {
        var document = new JsonObject { ["check"] = check, ["at"] = DateTimeOffset.UtcNow.ToString("O") };
        foreach (var (name, value) in counts)
        {
            document[name] = value;
        }

        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, string.Concat(check.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')) + ".json");
        File.WriteAllText(file, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string FindFolder()
    {
        var configured = Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotesGuard.Bot.sln")))
            {
                return Path.Combine(dir.FullName, "artifacts", "reliability");
            }
        }

        return Path.Combine(Path.GetTempPath(), "notesguard-reliability");
    }
}
