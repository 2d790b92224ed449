using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Letters;

namespace NotesGuard.Letters.Tests;

/// <summary>Each document the rulebook offers, written as .docx and read back with the Open XML SDK.</summary>
public sealed class DocxLetterWriterTests
{
    public static TheoryData<string, string> Cases => LetterCases.All();

    [Fact]
    public void Every_outcome_offers_at_least_the_request_log_and_the_kinds_fit_the_issue()
    {
        var letters = LetterCases.Rulebook.Letters;
        foreach (var outcome in AdviceContract.Outcomes)
        {
            Assert.Contains(letters.FittingOutcome(outcome), t => t.Kind == "request-log");
        }

        Assert.Equal("ask-for-written-request", letters.Find("reply", "request-not-valid-yet")!.Id);
        Assert.Equal("acknowledge-court-order", letters.Find("reply", "comply-with-court-order")!.Id);
        Assert.Equal("answer-client-access-request", letters.Find("reply", "client-access-request")!.Id);
        Assert.Equal("offer-agreed-report", letters.Find("reply", "authorised-request-with-consent")!.Id);
        Assert.Equal("decline-pending-court-order", letters.Find("reply", "suspect-records-request")!.Id);
        Assert.Null(letters.Find("consent-form", "client-access-request"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_docx_has_its_title_required_sections_and_marked_blanks(string kind, string outcome)
    {
        var letter = LetterCases.Fill(kind, outcome);
        using var document = WordprocessingDocument.Open(new MemoryStream(DocxLetterWriter.Write(letter)), isEditable: false);
        var body = document.MainDocumentPart!.Document!.Body!;

        var title = body.Elements<Paragraph>().First();
        Assert.Equal(DocxLetterWriter.TitleStyle, title.ParagraphProperties?.ParagraphStyleId?.Val?.Value);
        Assert.Equal(letter.Title, title.InnerText);

        var bookmarks = body.Elements<BookmarkStart>().Select(b => b.Name!.Value).ToList();
        foreach (var section in LetterContract.RequiredSections[kind])
        {
            Assert.Contains(DocxLetterWriter.BookmarkName(section), bookmarks);
        }

        var blanks = body.Descendants<Run>()
            .Where(r => r.RunProperties?.Highlight?.Val?.Value == HighlightColorValues.Yellow)
            .Select(r => r.InnerText)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var blank in LetterContract.RequiredBlanks[kind])
        {
            Assert.Contains(LetterCases.Rulebook.Letters.Blanks[blank], blanks);
        }

        // Every blank is highlighted, and nothing else is: a highlighted run is always a blank's label.
        Assert.All(blanks, b => Assert.Contains(b, LetterCases.Rulebook.Letters.Blanks.Values));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_source_a_paragraph_cites_is_listed_with_its_citation(string kind, string outcome)
    {
        var letter = LetterCases.Fill(kind, outcome);
        using var document = WordprocessingDocument.Open(new MemoryStream(DocxLetterWriter.Write(letter)), isEditable: false);
        var text = document.MainDocumentPart!.Document!.Body!.InnerText;
        var cited = letter.Sections.SelectMany(s => s.Paragraphs).SelectMany(p => p.SourceNumbers).Distinct().ToList();
        Assert.Equal(Enumerable.Range(1, letter.Sources.Count), cited.Order());
        foreach (var source in letter.Sources)
        {
            Assert.Contains(source.Citation, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Practice_settings_fill_their_blanks_and_the_requester_answer_is_worded()
    {
        var settings = new PracticeSettings { PracticeName = "Riverside Counselling", SupervisorContact = "Dr A. Supervisor, via the practice office" };
        var answers = AnswerSet.From([new("requester", "defence")]);
        var text = LetterTextRenderer.Render(LetterCases.Fill("reply", "no-obligation-without-order", settings, answers));
        Assert.Contains("Riverside Counselling", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[Practice name]", text, StringComparison.Ordinal);
        Assert.Contains("comes from the solicitors for the defence", text, StringComparison.Ordinal);

        var log = LetterTextRenderer.Render(LetterCases.Fill("request-log", "no-obligation-without-order", settings, answers));
        Assert.Contains("Supervisor: Dr A. Supervisor, via the practice office", log, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_settings_or_answers_the_document_leaves_marked_blanks()
    {
        var text = LetterTextRenderer.Render(LetterCases.Fill("reply", "no-obligation-without-order"));
        Assert.Contains("[Practice name]", text, StringComparison.Ordinal);
        Assert.Contains("comes from [Who asked: their organisation and role]", text, StringComparison.Ordinal);
        Assert.Contains("[Client's name]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_agreement_clause_links_the_CPS_pre_trial_therapy_guidance()
    {
        var text = LetterTextRenderer.Render(LetterCases.Fill("agreement-clause", "request-not-valid-yet"));
        Assert.Contains("https://www.cps.gov.uk/prosecution-guidance/pre-trial-therapy", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_request_log_is_a_table_with_dated_entries()
    {
        var letter = LetterCases.Fill("request-log", "comply-with-court-order");
        using var document = WordprocessingDocument.Open(new MemoryStream(DocxLetterWriter.Write(letter)), isEditable: false);
        var table = Assert.Single(document.MainDocumentPart!.Document!.Body!.Elements<Table>());
        var rows = table.Elements<TableRow>().ToList();
        Assert.StartsWith("Date", rows[0].Elements<TableCell>().First().InnerText, StringComparison.Ordinal);
        Assert.True(rows.Count > 5);
    }

    [Fact]
    public void A_control_character_in_a_practice_setting_is_dropped_not_fatal()
    {
        var letter = LetterCases.Fill("agreement-clause", "request-not-valid-yet", new PracticeSettings { PracticeName = "Riverside\u0001 Counselling" });
        using var document = WordprocessingDocument.Open(new MemoryStream(DocxLetterWriter.Write(letter)), isEditable: false);
        Assert.Contains("Riverside Counselling", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
    }
}
