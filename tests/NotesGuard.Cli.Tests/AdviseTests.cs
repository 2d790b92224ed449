using System.Text.Json;
using NotesGuard.Guidance;

namespace NotesGuard.Cli.Tests;

/// <summary><c>notesguard advise</c> gives the contract's outcome for every row of the contract's table.</summary>
public sealed class AdviseTests
{
    /// <summary>The shipped rulebook's wording of each hand-over verdict, which the CLI must show as written.</summary>
    private static readonly IReadOnlyDictionary<string, string> VerdictLabels = Advisor.Create(new PracticeSettings()).Rulebook.HandOverNotesLabels;

    private const string PoliceNoOrder = "\"jurisdiction\":\"england-wales\",\"requester\":\"police\",\"courtOrder\":\"no\"";
    private const string Authorised = PoliceNoOrder + ",\"clientRole\":\"complainant\",\"inWriting\":\"yes\",\"chiefInspectorAuthorisation\":\"yes\"";

    public static TheoryData<string, string, string> ContractRows => new()
    {
        { """{"jurisdiction":"scotland","safeguardingConcern":"no"}""", "seek-legal-advice-other-jurisdiction", "no" },
        { """{"jurisdiction":"northern-ireland","safeguardingConcern":"no"}""", "seek-legal-advice-other-jurisdiction", "no" },
        { """{"jurisdiction":"unsure","safeguardingConcern":"yes"}""", "seek-legal-advice-other-jurisdiction", "no" },
        { """{"jurisdiction":"england-wales","requester":"defence","courtOrder":"yes","safeguardingConcern":"no"}""", "comply-with-court-order", "as-ordered" },
        { """{"jurisdiction":"england-wales","requester":"police","courtOrder":"yes","safeguardingConcern":"yes"}""", "comply-with-court-order", "as-ordered" },
        { "{" + PoliceNoOrder + ",\"clientRole\":\"suspect\",\"safeguardingConcern\":\"no\"}", "suspect-records-request", "no" },
        { "{" + PoliceNoOrder + ",\"clientRole\":\"complainant\",\"inWriting\":\"no\",\"safeguardingConcern\":\"no\"}", "request-not-valid-yet", "no" },
        { "{" + PoliceNoOrder + ",\"clientRole\":\"witness\",\"inWriting\":\"yes\",\"chiefInspectorAuthorisation\":\"unsure\",\"safeguardingConcern\":\"no\"}", "request-not-valid-yet", "no" },
        { "{" + Authorised + ",\"consent\":\"refused\",\"safeguardingConcern\":\"no\"}", "authorised-request-without-valid-consent", "no" },
        { "{" + Authorised + ",\"consent\":\"not-asked\",\"safeguardingConcern\":\"no\"}", "authorised-request-without-valid-consent", "no" },
        { "{" + Authorised + ",\"consent\":\"given\",\"consentPressure\":\"yes\",\"clientCapacity\":\"adult\",\"safeguardingConcern\":\"no\"}", "authorised-request-without-valid-consent", "no" },
        { "{" + Authorised + ",\"consent\":\"given\",\"consentPressure\":\"unsure\",\"clientCapacity\":\"adult\",\"safeguardingConcern\":\"no\"}", "authorised-request-without-valid-consent", "no" },
        { "{" + Authorised + ",\"consent\":\"given\",\"consentPressure\":\"no\",\"clientCapacity\":\"lacks-capacity\",\"safeguardingConcern\":\"no\"}", "authorised-request-without-valid-consent", "no" },
        { "{" + Authorised + ",\"consent\":\"given\",\"consentPressure\":\"no\",\"clientCapacity\":\"unsure\",\"safeguardingConcern\":\"no\"}", "authorised-request-without-valid-consent", "no" },
        { "{" + Authorised + ",\"consent\":\"given\",\"consentPressure\":\"no\",\"clientCapacity\":\"adult\",\"safeguardingConcern\":\"no\"}", "authorised-request-with-consent", "minimum-with-consent" },
        { "{" + Authorised + ",\"consent\":\"given\",\"consentPressure\":\"no\",\"clientCapacity\":\"child\",\"safeguardingConcern\":\"yes\"}", "authorised-request-with-consent", "minimum-with-consent" },
        { """{"jurisdiction":"england-wales","requester":"cps","courtOrder":"no","safeguardingConcern":"no"}""", "prosecutor-request", "no" },
        { """{"jurisdiction":"england-wales","requester":"cps","courtOrder":"unsure","safeguardingConcern":"yes"}""", "prosecutor-request", "no" },
        { """{"jurisdiction":"england-wales","requester":"client","courtOrder":"no","safeguardingConcern":"no"}""", "client-access-request", "client-copy" },
        { """{"jurisdiction":"england-wales","requester":"client","courtOrder":"yes","safeguardingConcern":"no"}""", "comply-with-court-order", "as-ordered" },
        { """{"jurisdiction":"england-wales","requester":"social-services","courtOrder":"no","safeguardingConcern":"yes"}""", "social-services-request", "no" },
        { """{"jurisdiction":"england-wales","requester":"defence","courtOrder":"no","safeguardingConcern":"no"}""", "no-obligation-without-order", "no" },
        { """{"jurisdiction":"england-wales","requester":"parent-or-family","courtOrder":"no","safeguardingConcern":"no"}""", "no-obligation-without-order", "no" },
        { """{"jurisdiction":"england-wales","requester":"other","courtOrder":"unsure","safeguardingConcern":"no"}""", "no-obligation-without-order", "no" },
    };

    [Theory]
    [MemberData(nameof(ContractRows))]
    public void Every_row_of_the_contract_s_table_gets_its_outcome(string answers, string outcome, string handOverNotes)
    {
        var run = CliProcess.Run(["advise"], answers);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(outcome, json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(handOverNotes, json.RootElement.GetProperty("handOverNotes").GetString());
        Assert.Equal(VerdictLabels[handOverNotes], json.RootElement.GetProperty("handOverNotesLabel").GetString());
        var steps = json.RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("code").GetString()).ToList();
        Assert.Contains("preserve-records", steps);
        Assert.Equal(answers.Contains("\"safeguardingConcern\":\"yes\"", StringComparison.Ordinal), steps.Contains("safeguarding-duty"));
        Assert.Equal(answers.Contains("\"courtOrder\":\"unsure\"", StringComparison.Ordinal), steps.Contains("check-if-court-order"));
        Assert.Contains("not legal advice", json.RootElement.GetProperty("disclaimer").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"jurisdiction\":", "answers are not valid JSON")]
    [InlineData("{\"colour\":\"blue\"}", "unknown answer key 'colour'; allowed keys: jurisdiction, requester, courtOrder, clientRole")]
    [InlineData("{\"courtOrder\":\"maybe\"}", "'maybe' is not an allowed value for 'courtOrder'; allowed values: yes, no, unsure")]
    [InlineData("{\"requester\":true}", "the answer for 'requester' must be a string; allowed values: police, cps, defence, parent-or-family, client, social-services, other")]
    public void Invalid_answers_exit_2_with_one_line_naming_the_key_and_allowed_values(string answers, string message)
    {
        var run = CliProcess.Run(["advise", "-"], answers);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Incomplete_answers_give_the_next_question()
    {
        var run = CliProcess.Run(["advise"], """{"jurisdiction":"england-wales","requester":"police"}""");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var question = json.RootElement.GetProperty("nextQuestion");
        Assert.Equal("courtOrder", question.GetProperty("id").GetString());
        Assert.Equal(["yes", "no", "unsure"], question.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()));
    }

    [Fact]
    public void Answers_can_come_from_a_file_and_be_shown_as_readable_text()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, """{"jurisdiction":"england-wales","requester":"defence","courtOrder":"no","safeguardingConcern":"no"}""");
        try
        {
            var run = CliProcess.Run(["advise", file, "--format", "text"]);

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("Without a court order, the person asking generally has no power to make you hand over notes.", run.Stdout, StringComparison.Ordinal);
            Assert.Contains(VerdictLabels["no"], run.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("Hand over notes:", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("https://www.cps.gov.uk/prosecution-guidance/pre-trial-therapy", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("not legal advice", run.Stdout, StringComparison.Ordinal);

            // "Do now" comes first, with the helpline among its steps; the helpline is named once on the card.
            var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd()).ToList();
            var doNow = lines.IndexOf("Do now");
            var then = lines.IndexOf("Then");
            Assert.True(doNow > 0 && then == doNow + 5, run.Stdout);
            Assert.StartsWith("  1. Call your professional indemnity insurer's legal helpline today", lines[doNow + 1], StringComparison.Ordinal);
            Assert.StartsWith("  4. ", lines[then + 1], StringComparison.Ordinal);
            Assert.Equal(1, lines.Count(l => l.Contains("legal helpline", StringComparison.Ordinal)));

            // Sources once at the end, each with the steps citing it; not after every step unless asked for.
            Assert.DoesNotContain("[dpa-crime-exemption, ukcp-position, social-care-duties]", run.Stdout, StringComparison.Ordinal);
            var sources = lines.IndexOf("Sources");
            Assert.True(sources > then, run.Stdout);
            Assert.Contains(lines.Skip(sources), l => l.StartsWith("  • ", StringComparison.Ordinal) && l.Contains(" — ", StringComparison.Ordinal) && l.EndsWith("(step 2)", StringComparison.Ordinal));
            var withSources = CliProcess.Run(["advise", file, "--format", "text", "--sources"]);
            Assert.Contains("[dpa-crime-exemption, ukcp-position, social-care-duties]", withSources.Stdout, StringComparison.Ordinal);
            Assert.Contains("not legal advice", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_missing_answers_file_exits_2_naming_it()
    {
        var run = CliProcess.Run(["advise", "/nonexistent/answers.json"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("/nonexistent/answers.json", run.Stderr, StringComparison.Ordinal);
    }
}
