using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Guidance.Tests;

/// <summary><c>rulebook diff</c> on the letters section: documents added, removed, refitted and reworded per section.</summary>
public sealed class LetterDiffTests
{
    private static readonly string Shipped = RulebookLoader.ReadShippedText();

    private static RulebookOutline Outline(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ng-letters-diff-{Guid.NewGuid():N}.yaml");
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

    private static List<string> DocumentLines(IReadOnlyList<string> lines) =>
        [.. lines.SkipWhile(l => l != "Documents").Skip(1).TakeWhile(l => l.Length > 0)];

    [Fact]
    public void A_reworded_section_a_refitted_document_and_a_removed_one_are_reported()
    {
        var start = Shipped.IndexOf("    - kind: agreement-clause", StringComparison.Ordinal);
        var end = Shipped.IndexOf("\nlinks:\n", StringComparison.Ordinal);
        var edited = string.Concat(Shipped.AsSpan(0, start), Shipped.AsSpan(end + 1))
            .Replace("You do not have to agree, and saying no", "You are free to say no, and saying no", StringComparison.Ordinal)
            .Replace(
                "      id: report-agreed-with-client\n      title: \"Report agreed with the client\"\n      fits: [request-not-valid-yet, ",
                "      id: report-agreed-with-client\n      title: \"Report agreed with the client\"\n      fits: [",
                StringComparison.Ordinal);

        var lines = DocumentLines(RulebookDiff.Describe(Outline(Shipped), Outline(edited)));

        Assert.Equal(
            [
                "  report/report-agreed-with-client: now fits authorised-request-without-valid-consent, authorised-request-with-consent",
                "  consent-form/consent-to-share: sections changed: your-choice",
                "  - agreement-clause/agreement-clause (document removed)",
            ],
            lines);
    }

    [Fact]
    public void Documents_new_since_a_rulebook_without_letters_are_listed_and_an_unchanged_one_reports_nothing()
    {
        var start = Shipped.IndexOf("\nletters:\n", StringComparison.Ordinal);
        var end = Shipped.IndexOf("\nlinks:\n", StringComparison.Ordinal);
        var withoutLetters = Shipped.Remove(start, end - start);

        var added = DocumentLines(RulebookDiff.Describe(Outline(withoutLetters), Outline(Shipped)));
        Assert.Equal(9, added.Count);
        Assert.Equal("  + reply/ask-for-written-request (new document): \"Reply: please send the request in writing\" for request-not-valid-yet", added[0]);

        Assert.Equal(["  (no changes)"], DocumentLines(RulebookDiff.Describe(Outline(Shipped), Outline(Shipped))));
    }
}
