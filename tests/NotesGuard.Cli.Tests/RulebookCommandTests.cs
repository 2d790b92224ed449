namespace NotesGuard.Cli.Tests;

public sealed class RulebookCommandTests
{
    private static string ShippedRulebook => Path.Combine(CliProcess.RepoRoot, "src", "NotesGuard.Guidance", "guidance", "rulebook.yaml");

    [Fact]
    public void Check_accepts_the_shipped_rulebook()
    {
        var run = CliProcess.Run(["rulebook", "check", ShippedRulebook]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("valid (version 2026.4, effective 2026-01-12", run.Stdout, StringComparison.Ordinal);
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
            Assert.Contains(lines, l => l.StartsWith(broken + ":", StringComparison.Ordinal) && l.Contains("outcomes[2].steps[3]: unknown step code 'not-a-real-step'", StringComparison.Ordinal));
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

    private static string Rulebook2026_1 => Path.Combine(CliProcess.RepoRoot, "tests", "NotesGuard.Cli.Tests", "fixtures", "rulebook-2026.1.yaml");

    // The shipped rulebook as it was at 2026.2, before the 2026.3 review.
    private static string Rulebook2026_2 => Path.Combine(CliProcess.RepoRoot, "tests", "NotesGuard.Cli.Tests", "fixtures", "rulebook-2026.2.yaml");

    // The shipped rulebook as it was at 2026.3, before a witness was told the victim route may not apply.
    private static string Rulebook2026_3 => Path.Combine(CliProcess.RepoRoot, "tests", "NotesGuard.Cli.Tests", "fixtures", "rulebook-2026.3.yaml");

    [Fact]
    public void Diff_from_2026_1_to_2026_2_shows_new_outcomes_and_choices_per_outcome_step_changes_and_the_changelog()
    {
        var run = CliProcess.Run(["rulebook", "diff", Rulebook2026_1, Rulebook2026_2]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Equal("Rulebook 2026.1 → 2026.2", lines[0]);
        Assert.Contains("  requester: choice added: client (\"My client, for their own records\")", lines);
        Assert.Contains("  requester: choice added: social-services (\"Children's social care (social services)\")", lines);
        Assert.Contains(lines, l => l.StartsWith("  chiefInspectorAuthorisation: text \"Does the written request confirm that a police officer of at least Chief Inspector rank", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  + client-copy: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  + prosecutor-request (new outcome, handOverNotes no)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  + client-access-request (new outcome, handOverNotes client-copy)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  + social-services-request (new outcome, handOverNotes no)", StringComparison.Ordinal));

        // Per outcome: what the consent card gained, what the not-yet-valid card gained and lost.
        var consent = lines.IndexOf("  authorised-request-with-consent:");
        Assert.Contains("      steps added: discuss-consent-with-client, data-protection-basis, therapy-can-continue", lines.Skip(consent).TakeWhile(l => l.StartsWith("      ", StringComparison.Ordinal) || l == lines[consent]));
        var notValid = lines.IndexOf("  request-not-valid-yet:");
        var notValidLines = lines.Skip(notValid + 1).TakeWhile(l => l.StartsWith("      ", StringComparison.Ordinal)).ToList();
        Assert.Contains("      steps added: offer-report-instead, therapy-can-continue", notValidLines);
        Assert.Contains("      steps removed: discuss-consent-with-client", notValidLines);
        Assert.Contains(notValidLines, l => l.StartsWith("      steps reworded: ", StringComparison.Ordinal) && l.Contains("check-if-court-order", StringComparison.Ordinal));

        // Every changelog entry of 2026.2, after the comparison.
        var changelog = lines.IndexOf("Changelog after 2026.1 up to 2026.2");
        Assert.True(changelog > notValid);
        var entries = lines.Skip(changelog + 1).Where(l => l.StartsWith("  2026.2: ", StringComparison.Ordinal)).ToList();
        // As many as the shipped rulebook has (helpers add entries in parallel; the count is the file's, not a constant).
        Assert.Equal(NotesGuard.Guidance.Rulebook.RulebookLoader.LoadShipped().Changelog.Count(c => c.Version == "2026.2"), entries.Count);
        Assert.True(entries.Count >= 15);
        Assert.Contains(entries, l => l.Contains("still a summons", StringComparison.Ordinal) && l.EndsWith("[witness-summons, summons-service, northern-ireland-summons]", StringComparison.Ordinal));
    }

    [Fact]
    public void Diff_from_2026_2_to_2026_3_shows_the_2026_3_review_and_only_its_changelog()
    {
        var run = CliProcess.Run(["rulebook", "diff", Rulebook2026_2, Rulebook2026_3]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Equal("Rulebook 2026.2 → 2026.3", lines[0]);
        Assert.Contains("      conditions changed: discuss-consent-with-client now shown when { consent: [given, not-asked, unsure] }", lines);
        var comply = lines.IndexOf("  comply-with-court-order:");
        Assert.Contains("      steps reworded: comply-with-order, make-representations-to-court", lines.Skip(comply + 1).TakeWhile(l => l.StartsWith("      ", StringComparison.Ordinal)));
        var changelog = lines.IndexOf("Changelog after 2026.2 up to 2026.3");
        var entries = lines.Skip(changelog + 1).Where(l => l.StartsWith("  2026.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, l => Assert.StartsWith("  2026.3: ", l, StringComparison.Ordinal));
        Assert.Equal(NotesGuard.Guidance.Rulebook.RulebookLoader.LoadShipped().Changelog.Count(c => c.Version == "2026.3"), entries.Count);
    }

    [Fact]
    public void Diff_from_2026_3_to_the_shipped_rulebook_shows_the_witness_step_in_each_police_outcome_and_only_its_changelog()
    {
        var run = CliProcess.Run(["rulebook", "diff", Rulebook2026_3, ShippedRulebook]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Equal("Rulebook 2026.3 → 2026.4", lines[0]);
        foreach (var outcome in new[] { "request-not-valid-yet", "authorised-request-without-valid-consent", "authorised-request-with-consent" })
        {
            var at = lines.IndexOf($"  {outcome}:");
            Assert.True(at > 0, outcome);
            Assert.Contains(lines.Skip(at + 1).TakeWhile(l => l.StartsWith("      ", StringComparison.Ordinal)), l => l.Contains("not-a-victim-request", StringComparison.Ordinal));
        }

        var changelog = lines.IndexOf("Changelog after 2026.3 up to 2026.4");
        var entries = lines.Skip(changelog + 1).Where(l => l.StartsWith("  2026.", StringComparison.Ordinal)).ToList();
        Assert.All(entries, l => Assert.StartsWith("  2026.4: ", l, StringComparison.Ordinal));
        Assert.Equal(NotesGuard.Guidance.Rulebook.RulebookLoader.LoadShipped().Changelog.Count(c => c.Version == "2026.4"), entries.Count);
        Assert.Contains(entries, l => l.StartsWith("  2026.4: A client who is a witness", StringComparison.Ordinal));
    }

    [Fact]
    public void Diff_of_a_rulebook_with_itself_reports_no_changes_and_no_changelog_entries()
    {
        var run = CliProcess.Run(["rulebook", "diff", ShippedRulebook, ShippedRulebook]);

        Assert.Equal(0, run.ExitCode);
        // Questions, hand-over wording, outcomes and documents.
        Assert.Equal(4, run.Stdout.Split('\n').Count(l => l.TrimEnd() == "  (no changes)"));
        Assert.Contains("(no changelog entries between these versions)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_refuses_a_file_that_is_not_a_rulebook()
    {
        var run = CliProcess.Run(["rulebook", "diff", "/nonexistent/old.yaml", ShippedRulebook]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("/nonexistent/old.yaml", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("cannot read the rulebook", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }
}
