using System.Text.RegularExpressions;
using NotesGuard.Conformance.Tests.Infrastructure;
using NotesGuard.Slack;

namespace NotesGuard.Conformance.Tests.Slack;

public sealed partial class SlackManifestConformanceTests
{
    private static readonly string Manifest = RepositoryFiles.Path("manifests", "slack", "manifest.yaml");

    [Fact]
    public void The_manifest_passes_slacks_schema_and_the_cross_field_rules()
    {
        var (exitCode, output) = PeerTools.Run("validate-slack-manifest", Manifest);

        Assert.True(exitCode == 0, output);
        Assert.Contains("0 warning(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifest_asks_for_exactly_the_scopes_the_install_asks_for_and_no_more()
    {
        var yaml = File.ReadAllText(Manifest);
        var botScopes = yaml[yaml.IndexOf("    bot:", StringComparison.Ordinal)..yaml.IndexOf("settings:", StringComparison.Ordinal)];

        var scopes = ScopeLine().Matches(botScopes).Select(m => m.Groups["scope"].Value).ToList();

        Assert.Equal(SlackScopes.Bot.Order(StringComparer.Ordinal), scopes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_manifest_routes_events_commands_interactivity_and_oauth_to_notesguards_endpoints()
    {
        var yaml = File.ReadAllText(Manifest);

        foreach (var path in new[] { "/slack/events", "/slack/commands", "/slack/interactions", "/slack/oauth/callback" })
        {
            Assert.Contains("https://notesguard.example.org" + path, yaml, StringComparison.Ordinal);
        }

        Assert.Contains("home_tab_enabled: true", yaml, StringComparison.Ordinal);
        Assert.Contains("messages_tab_enabled: true", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifest_subscribes_to_exactly_the_events_the_code_acts_on_uninstalls_included()
    {
        var yaml = File.ReadAllText(Manifest);
        var start = yaml.IndexOf("    bot_events:", StringComparison.Ordinal);
        var events = yaml[start..yaml.IndexOf("  interactivity:", start, StringComparison.Ordinal)];

        var subscribed = ScopeLine().Matches(events).Select(m => m.Groups["scope"].Value).ToList();

        // Without app_uninstalled and tokens_revoked Slack never tells NotesGuard it was removed, and the
        // workspace's bot token stays stored (docs/slack.md promises it is deleted).
        Assert.Contains("app_uninstalled", subscribed);
        Assert.Contains("tokens_revoked", subscribed);
        Assert.Equal(SlackEvents.Subscribed.Order(StringComparer.Ordinal), subscribed.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^\s+- (?<scope>[a-z_:.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ScopeLine();
}
