using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using NotesGuard.Conformance.Tests.Infrastructure;
using NotesGuard.Conversations.Engine;

namespace NotesGuard.Conformance.Tests.Teams;

/// <summary>
/// The Teams app package: the manifest folder and the zip the package script builds both pass
/// @microsoft/app-manifest's schema (tests/tools/validate-teams-manifest, which also checks the icons),
/// and the commands it advertises are ones the bot understands.
/// </summary>
public sealed class TeamsManifestConformanceTests
{
    private const string AppId = "7c9f1c3e-2b7e-4a51-9a8e-3f1f0d6a2b11";

    private static string ManifestFolder { get; } = FindManifestFolder();

    [Fact]
    public void The_manifest_folder_with_its_icons_is_valid()
    {
        var (exitCode, output) = PeerTools.Run("validate-teams-manifest", ManifestFolder);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void The_package_script_fills_the_App_ID_and_zips_a_valid_package()
    {
        var zipPath = Path.Combine(Directory.CreateTempSubdirectory("notesguard-teams-package-").FullName, "notesguard-teams.zip");

        var (exitCode, output) = RunNode(Path.Combine(ManifestFolder, "package.js"), "--app-id", AppId.ToUpperInvariant(), "--domain", "bot.example.org", "--out", zipPath);
        Assert.True(exitCode == 0, output);

        var (validExit, validation) = PeerTools.Run("validate-teams-manifest", zipPath);
        Assert.True(validExit == 0, validation);
        using var archive = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var stream = archive.GetEntry("manifest.json")!.Open();
        var manifest = JsonNode.Parse(stream)!;
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal("bot.example.org", manifest["validDomains"]![0]!.GetValue<string>());
    }

    [Fact]
    public void The_package_script_refuses_an_App_ID_that_is_not_a_GUID()
    {
        var (exitCode, output) = RunNode(Path.Combine(ManifestFolder, "package.js"), "--app-id", "my-bot");

        Assert.Equal(2, exitCode);
        Assert.Contains("--app-id", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bot_works_in_personal_team_and_group_chats_and_understands_every_command_it_advertises()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(ManifestFolder, "manifest.json")))!;
        var bot = manifest["bots"]![0]!;

        Assert.NotEqual("1.18", manifest["manifestVersion"]!.GetValue<string>());
        Assert.Equal(["groupChat", "personal", "team"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).Order(StringComparer.Ordinal));
        var commands = bot["commandLists"]![0]!["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()).ToList();
        Assert.Equal(["help", "new case", "restart", "forget me"], commands);
        Assert.All(commands, c => Assert.NotNull(CommandRecognizer.Recognize(c)));
    }

    private static (int ExitCode, string Output) RunNode(string script, params string[] arguments)
    {
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromMinutes(1));
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string FindManifestFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "manifests", "teams");
            if (File.Exists(Path.Combine(candidate, "manifest.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("manifests/teams/manifest.json not found above the test output folder");
    }
}
