namespace NotesGuard.Cli.Tests;

public sealed class RulebookCommandTests
{
    private static string ShippedRulebook => Path.Combine(CliProcess.RepoRoot, "src", "NotesGuard.Guidance", "guidance", "rulebook.yaml");

    [Fact]
    public void Check_accepts_the_shipped_rulebook()
    {
        var run = CliProcess.Run(["rulebook", "check", ShippedRulebook]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("valid (version 2026.1, effective 2026-01-12", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_lists_every_error_one_per_line_with_file_line_and_path()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.yaml");
        var text = File.ReadAllText(ShippedRulebook)
            .Replace("      - not-a-victim-request\n", "      - not-a-real-step\n", StringComparison.Ordinal)
            .Replace("url: \"https://www.bluestarproject.co.uk\"", "url: \"http://www.bluestarproject.co.uk\"", StringComparison.Ordinal);
        File.WriteAllText(broken, text);
        try
        {
            var run = CliProcess.Run(["rulebook", "check", broken]);

            Assert.Equal(1, run.ExitCode);
            var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.Contains(lines, l => l.StartsWith(broken + ":", StringComparison.Ordinal) && l.Contains("outcomes[2].steps[0]: unknown step code 'not-a-real-step'", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("links[2].url: 'http://www.bluestarproject.co.uk' is not an https URL", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void Check_reports_malformed_yaml_and_missing_files()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"malformed-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(broken, "version: \"1\nquestions: [\n");
        try
        {
            var run = CliProcess.Run(["rulebook", "check", broken]);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("malformed YAML", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }

        var missing = CliProcess.Run(["rulebook", "check", "/nonexistent/rulebook.yaml"]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("/nonexistent/rulebook.yaml", missing.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_prints_each_walkthrough_s_answers_outcome_and_verdict()
    {
        var run = CliProcess.Run(["rulebook", "table"]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("jurisdiction=scotland safeguardingConcern=no → seek-legal-advice-other-jurisdiction (no)", lines);
        Assert.Contains("jurisdiction=england-wales requester=police courtOrder=yes safeguardingConcern=no → comply-with-court-order (as-ordered)", lines);
        Assert.Contains(lines, l => l.EndsWith("→ authorised-request-with-consent (minimum-with-consent)", StringComparison.Ordinal)
            && l.Contains("consent=given consentPressure=no clientCapacity=adult", StringComparison.Ordinal));
        Assert.All(
            lines.Where(l => l.Contains("→ authorised-request-with-consent", StringComparison.Ordinal)),
            l => Assert.Contains("chiefInspectorAuthorisation=yes", l, StringComparison.Ordinal));
    }
}
