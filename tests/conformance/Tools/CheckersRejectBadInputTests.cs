using System.Text.Json.Nodes;
using NotesGuard.Conformance.Tests.Infrastructure;
using NotesGuard.Conformance.Tests.Slack;

namespace NotesGuard.Conformance.Tests.Tools;

/// <summary>
/// The checkers in tests/tools are our own scripts around the real packages: each must fail on the mistake it
/// exists to catch, or every conformance test that trusts its "OK" proves nothing.
/// </summary>
public sealed class CheckersRejectBadInputTests
{
    [Theory]
    [InlineData("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Carousel","pages":[]}]}""", "not in Adaptive Cards 1.5")]
    [InlineData("""{"type":"AdaptiveCard","version":"1.6","body":[{"type":"TextBlock","text":"hi"}]}""", "above 1.5")]
    [InlineData("""{"version":"1.5","body":[{"type":"TextBlock","text":"hi"}]}""", "must be \"AdaptiveCard\"")]
    [InlineData("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text"}]}""", "Input.Text has no id")]
    [InlineData("""{"type":"AdaptiveCard","version":"1.5","actions":[{"type":"Action.OpenUrl","title":"Go"}]}""", "Action.OpenUrl has no url")]
    public void Validate_adaptive_card_rejects_what_teams_would_not_render(string card, string expected)
    {
        var (exitCode, output) = PeerTools.Run("validate-adaptive-card", Write("card.json", card));

        Assert.True(exitCode == 1, output);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_adaptive_card_counts_the_28_KB_limit_over_the_whole_activity()
    {
        var text = new string('x', 30 * 1024);
        var activity = $$$"""{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"{{{text}}}"}]}}]}""";

        var (exitCode, output) = PeerTools.Run("validate-adaptive-card", Write("activity.json", activity));

        Assert.True(exitCode == 1, output);
        Assert.Contains("over Teams' 28672", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"blocks":[{"type":"sektion","text":{"type":"mrkdwn","text":"hi"}}]}""", "TS2820")]
    [InlineData("""{"blocks":[{"type":"section","txt":{"type":"mrkdwn","text":"hi"}}]}""", "TS2353")]
    [InlineData("""{"view":{"type":"modal","title":{"type":"plain_text","text":"A title far longer than Slack allows"},"blocks":[]}}""", "modal title is 36 characters (max 24)")]
    public void Check_block_kit_rejects_unknown_blocks_misspelt_fields_and_broken_limits(string payload, string expected)
    {
        var (exitCode, output) = PeerTools.Run("check-block-kit", Write("payload.json", payload));

        Assert.True(exitCode == 1, output);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_slack_manifest_rejects_an_event_without_its_scope_and_a_field_the_schema_does_not_know()
    {
        var yaml = File.ReadAllText(RepositoryFiles.Path("manifests", "slack", "manifest.yaml"))
            .Replace("      - app_mentions:read\n", "", StringComparison.Ordinal)
            .Replace("display_information:\n", "display_information:\n  colour: red\n", StringComparison.Ordinal);

        var (exitCode, output) = PeerTools.Run("validate-slack-manifest", Write("manifest.yaml", yaml));

        Assert.True(exitCode == 1, output);
        Assert.Contains("app_mention needs the \"app_mentions:read\" scope", output, StringComparison.Ordinal);
        Assert.Contains("[schema] /display_information must NOT have additional properties", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_teams_manifest_rejects_a_missing_field_and_a_wrong_sized_icon()
    {
        var source = RepositoryFiles.Path("manifests", "teams");
        var dir = Directory.CreateTempSubdirectory("notesguard-bad-teams-").FullName;
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(source, "manifest.json")))!.AsObject();
        manifest.Remove("developer");
        File.WriteAllText(Path.Combine(dir, "manifest.json"), manifest.ToJsonString());
        File.Copy(Path.Combine(source, "color.png"), Path.Combine(dir, "color.png"));
        File.Copy(Path.Combine(source, "color.png"), Path.Combine(dir, "outline.png"));

        var (exitCode, output) = PeerTools.Run("validate-teams-manifest", dir);

        Assert.True(exitCode == 1, output);
        Assert.Contains("required property 'developer'", output, StringComparison.Ordinal);
        Assert.Contains("is 192x192, Teams wants 32x32", output, StringComparison.Ordinal);
    }

    private static string Write(string name, string content)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("notesguard-checker-").FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
