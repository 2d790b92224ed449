using DocumentFormat.OpenXml.Packaging;

namespace NotesGuard.Cli.Tests;

/// <summary><c>notesguard letter</c> as a script would call it: the documents, the list, and the exit codes.</summary>
public sealed class LetterCommandTests
{
    private static string ShippedRulebook => Path.Combine(CliProcess.RepoRoot, "src", "NotesGuard.Guidance", "guidance", "rulebook.yaml");

    [Fact]
    public void List_names_every_kind_and_the_outcomes_it_fits()
    {
        var run = CliProcess.Run(["letter", "--list"]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["reply", "report", "consent-form", "request-log", "agreement-clause"], lines.Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Contains("report: request-not-valid-yet, authorised-request-without-valid-consent, authorised-request-with-consent", lines);
    }

    [Fact]
    public void Writes_a_word_document_with_the_practice_name_from_the_settings()
    {
        var output = Path.Combine(Path.GetTempPath(), $"letter-{Guid.NewGuid():N}.docx");
        try
        {
            var run = CliProcess.Run(
                ["letter", "reply", "--outcome", "comply-with-court-order", "--out", output],
                environment: new Dictionary<string, string> { ["Practice__PracticeName"] = "Riverside Counselling" });

            Assert.Equal(0, run.ExitCode);
            using var document = WordprocessingDocument.Open(output, isEditable: false);
            var text = document.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.StartsWith("Reply: acknowledging a summons, order or notice", text, StringComparison.Ordinal);
            Assert.Contains("Riverside Counselling", text, StringComparison.Ordinal);
            Assert.Contains("I ask to make representations", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void Text_format_prints_the_document_with_its_blanks_and_the_requester_from_the_answers()
    {
        var answers = Path.Combine(Path.GetTempPath(), $"answers-{Guid.NewGuid():N}.json");
        File.WriteAllText(answers, """{"jurisdiction":"england-wales","requester":"parent-or-family","courtOrder":"no"}""");
        try
        {
            var run = CliProcess.Run(["letter", "reply", "--outcome", "no-obligation-without-order", "--answers", answers, "--format", "text"]);

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("comes from my client's family", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("[Client's name]", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("Sources\n-------\n1. ", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(answers);
        }
    }

    [Theory]
    [InlineData(new[] { "letter", "memo", "--outcome", "request-not-valid-yet", "--format", "text" }, "notesguard: unknown kind 'memo' (allowed: reply, report, consent-form, request-log, agreement-clause)")]
    [InlineData(new[] { "letter", "reply", "--outcome", "maybe", "--format", "text" }, "notesguard: unknown outcome 'maybe' (allowed: seek-legal-advice-other-jurisdiction, comply-with-court-order,")]
    [InlineData(new[] { "letter", "consent-form", "--outcome", "client-access-request", "--format", "text" }, "notesguard: no consent-form fits outcome 'client-access-request' (a consent-form fits: request-not-valid-yet,")]
    [InlineData(new[] { "letter", "reply", "--outcome", "request-not-valid-yet" }, "notesguard: a Word document needs --out FILE.docx (or use --format text)")]
    [InlineData(new[] { "letter", "--outcome", "request-not-valid-yet" }, "notesguard: give a KIND (allowed: reply,")]
    public void Bad_kind_or_outcome_exits_2_with_one_line_naming_the_allowed_values(string[] args, string message)
    {
        var run = CliProcess.Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Rulebook_check_names_a_letter_paragraph_citing_an_unknown_source()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(broken, File.ReadAllText(ShippedRulebook).Replace("sources: [sar-third-party]\n", "sources: [made-up-case]\n", StringComparison.Ordinal));
        try
        {
            var run = CliProcess.Run(["rulebook", "check", broken]);

            Assert.Equal(1, run.ExitCode);
            var line = Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(broken)}:\d+:\d+ letters\.documents\[4\]\.sections\[1\]\.paragraphs\[2\]\.sources: unknown source 'made-up-case'$", line);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
