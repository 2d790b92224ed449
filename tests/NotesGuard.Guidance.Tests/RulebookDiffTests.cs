using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Guidance.Tests;

/// <summary>What <c>rulebook diff</c> tells a reviewer, from two small edits of the shipped rulebook.</summary>
public sealed class RulebookDiffTests
{
    private static RulebookOutline Outline(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ng-diff-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            return RulebookOutline.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("2026.2", "2026.1", 1)]
    [InlineData("2026.10", "2026.2", 1)]
    [InlineData("2026.2", "2026.2", 0)]
    [InlineData("2026.2", "2026.2-riverside", -1)]
    [InlineData("2027.1", "2026.12", 1)]
    public void Versions_compare_part_by_part_and_numerically(string a, string b, int sign)
    {
        Assert.Equal(sign, Math.Sign(RulebookDiff.CompareVersions(a, b)));
    }

    [Fact]
    public void A_reworded_step_is_named_under_every_outcome_that_shows_it_and_only_newer_changelog_entries_are_listed()
    {
        var shipped = RulebookLoader.ReadShippedText();
        var edited = shipped
            .Replace("version: \"2026.4\"\neffectiveDate", "version: \"2026.5\"\neffectiveDate", StringComparison.Ordinal)
            .Replace("Talk the request through with your clinical supervisor.", "Talk it through with your supervisor.", StringComparison.Ordinal)
            .Replace("changelog:\n", "changelog:\n  - version: \"2026.5\"\n    change: \"Shorter supervisor step.\"\n    sources: [card-review-2026]\n", StringComparison.Ordinal);

        var lines = RulebookDiff.Describe(Outline(shipped), Outline(edited));

        Assert.Equal("Rulebook 2026.4 → 2026.5", lines[0]);
        Assert.Equal(AdviceContract.Outcomes.Count, lines.Count(l => l == "      steps reworded: consult-supervisor"));
        Assert.Equal(["  2026.5: Shorter supervisor step. [card-review-2026]"], lines.SkipWhile(l => !l.StartsWith("Changelog", StringComparison.Ordinal)).Skip(1));
    }

    [Fact]
    public void A_step_made_conditional_and_a_removed_outcome_are_reported()
    {
        var shipped = RulebookLoader.ReadShippedText();
        var start = shipped.IndexOf("  - id: social-services-request", StringComparison.Ordinal);
        var end = shipped.IndexOf("  - id: no-obligation-without-order", StringComparison.Ordinal);
        var edited = string.Concat(shipped.AsSpan(0, start), shipped.AsSpan(end))
            .Replace("      - prosecutor-route\n", "      - { code: prosecutor-route, when: { safeguardingConcern: [\"no\"] } }\n", StringComparison.Ordinal);

        var lines = RulebookDiff.Describe(Outline(shipped), Outline(edited));

        Assert.Contains("  - social-services-request (outcome removed)", lines);
        Assert.Contains("      conditions changed: prosecutor-route now shown when { safeguardingConcern: [no] }", lines);
    }

    [Fact]
    public void A_file_that_is_not_a_rulebook_is_refused_with_its_name()
    {
        var ex = Assert.Throws<RulebookValidationException>(() => Outline("- just\n- a list\n"));
        Assert.Contains("not a rulebook", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicated_outcome_or_a_duplicate_key_is_compared_or_refused_without_crashing()
    {
        var shipped = RulebookLoader.ReadShippedText();
        var twice = shipped.Replace("outcomes:\n", "outcomes:\n  - id: prosecutor-request\n    headline: \"first copy\"\n", StringComparison.Ordinal);
        Assert.Contains("      headline \"first copy\" → \"Prosecutors generally ask for therapy records through the police or a court, not directly.\"", RulebookDiff.Describe(Outline(twice), Outline(shipped)));

        // The same for a document listed twice (same kind and id), on either side.
        var document = "  documents:\n    - kind: reply\n      id: ask-for-written-request\n";
        var twoDocuments = shipped.Replace(document, document + "      title: \"first copy\"\n      fits: [request-not-valid-yet]\n      sections: []\n    - kind: reply\n      id: ask-for-written-request\n", StringComparison.Ordinal);
        Assert.NotEqual(shipped, twoDocuments);
        Assert.Contains(RulebookDiff.Describe(Outline(twoDocuments), Outline(shipped)), l => l.Contains("first copy", StringComparison.Ordinal));
        Assert.DoesNotContain(RulebookDiff.Describe(Outline(shipped), Outline(twoDocuments)), l => l.Contains("reply/ask-for-written-request (new document)", StringComparison.Ordinal));

        var ex = Assert.Throws<RulebookValidationException>(() => Outline("version: \"1\"\nversion: \"2\"\n"));
        Assert.Contains("malformed YAML", ex.Message, StringComparison.Ordinal);
    }
}
