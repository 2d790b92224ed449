using DocumentFormat.OpenXml.Packaging;
using NotesGuard.Guidance;

namespace NotesGuard.Cli.Tests;

/// <summary><c>notesguard ask</c> driven through piped stdin, one reply per line, like a person typing.</summary>
public sealed class AskTests
{
    [Fact]
    public void A_walkthrough_with_why_and_back_reaches_the_card()
    {
        var replies = string.Join('\n',
            "why",          // jurisdiction: explain, then ask again
            "1",            // England or Wales
            "police",       // requester
            "back",         // change my mind about the requester
            "defence",      // requester
            "yes",          // court order
            "n",            // safeguarding concern
            "yes",          // the review, as in the chats: show the guidance
            "quit") + "\n";

        var run = CliProcess.Run(["ask"], replies);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Why we ask: The rules on police requests for counselling notes", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, TimesAsked(run.Stdout, "Who is asking for the notes?"));
        Assert.Contains("A witness summons, court order or coroner's notice compels you", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(Advisor.Create(new PracticeSettings()).Rulebook.HandOverNotesLabels["as-ordered"], run.Stdout, StringComparison.Ordinal);
        Assert.Contains("https://www.gov.uk/government/news/new-rules-on-police-requesting-counselling-notes-come-into-force--2", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("insurer's legal helpline", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("not legal advice", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unrecognised_reply_asks_again_and_restart_after_the_card_starts_over()
    {
        var replies = string.Join('\n', "scotland", "perhaps", "no", "yes", "restart", "england or wales") + "\n";

        var run = CliProcess.Run(["ask"], replies);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("didn't recognise that", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("This guidance covers England and Wales only", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Starting again with a new case.", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, TimesAsked(run.Stdout, "Is your practice in England or Wales?"));
        Assert.Contains("Who is asking for the notes?", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Everyday_words_the_chats_accept_are_accepted_at_the_terminal_too()
    {
        // One recogniser for every surface: "nope" and "nah" were understood in Teams and Slack, not here.
        var replies = string.Join('\n', "england", "defence", "nope", "nah", "yes", "quit") + "\n";

        var run = CliProcess.Run(["ask"], replies);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("didn't recognise that", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Without a court order, the person asking generally has no power to make you hand over notes.", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void After_the_card_the_documents_that_fit_are_offered_read_prints_one_and_write_saves_it_without_overwriting()
    {
        var folder = Directory.CreateTempSubdirectory("notesguard-ask-documents-").FullName;
        const string Canary = "CANARY-Zq81 Jane Doe";
        var replies = string.Join('\n', "england", Canary, "defence", "nope", "nah", "yes", "read 1", "write 1", "write 1", "write 9", "quit") + "\n";

        var run = CliProcess.Run(["ask", "--out", folder], replies);

        Assert.Equal(0, run.ExitCode);
        var offer = run.Stdout.IndexOf("Documents for this case", StringComparison.Ordinal);
        Assert.True(offer > run.Stdout.IndexOf("Without a court order, the person asking generally has no power", StringComparison.Ordinal), run.Stdout);
        Assert.Contains("1. Reply: I will not release the notes without consent or a court order", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("2. Request log", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("write N, read N", run.Stdout, StringComparison.Ordinal);

        // "read 1": the reply's whole text, filled from the answer codes.
        Assert.Contains("Yours sincerely", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("comes from the solicitors for the defence", run.Stdout, StringComparison.Ordinal);

        // "write 1" twice: two files, the first never overwritten; "write 9" is refused politely.
        var first = Path.Combine(folder, "notesguard-reply-decline-pending-court-order.docx");
        var second = Path.Combine(folder, "notesguard-reply-decline-pending-court-order-2.docx");
        Assert.Contains($"Saved Reply: I will not release the notes without consent or a court order: {first}", run.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(second), run.Stdout);
        Assert.Contains("There is no document 9: choose 1 to 3.", run.Stdout, StringComparison.Ordinal);
        using (var document = WordprocessingDocument.Open(first, isEditable: false))
        {
            var body = document.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("comes from the solicitors for the defence", body, StringComparison.Ordinal);
            Assert.DoesNotContain("CANARY", body, StringComparison.Ordinal);
        }

        Assert.Equal(2, Directory.GetFiles(folder).Length);
    }

    /// <summary>How often the question was asked: its text followed by its first choice (not an answered or review line).</summary>
    private static int TimesAsked(string output, string question) => Occurrences(output, $"{question}\n  1. ");

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
