using NotesGuard.Guidance.Letters;

namespace NotesGuard.Letters.Tests;

/// <summary>
/// Sentences a therapist might send and be hurt by, or hurt their client with, found in the 2026.4 review of the
/// documents against the brief: each test reads the filled document as it would be sent.
/// </summary>
public sealed class LetterHarmTests
{
    private static string Text(string kind, string outcome) => LetterTextRenderer.Render(LetterCases.Fill(kind, outcome));

    [Theory]
    [InlineData("no-obligation-without-order")]
    [InlineData("social-services-request")]
    [InlineData("suspect-records-request")]
    public void The_decline_reply_does_not_confirm_a_client_and_does_not_overstate_what_compels(string outcome)
    {
        // It goes to family (perhaps the person accused), the defence and social care too, not only the police.
        var text = Text("reply", outcome);

        Assert.DoesNotContain("I hold my client's counselling records", text, StringComparison.Ordinal);
        Assert.Contains("I do not confirm whether anyone is or has been my client", text, StringComparison.Ordinal);
        Assert.Contains("does not generally compel me", text, StringComparison.Ordinal);
        Assert.Contains("a witness summons, another court order or a coroner's notice", text, StringComparison.Ordinal);
        Assert.Contains("through my safeguarding procedure", text, StringComparison.Ordinal);
        Assert.Contains("About: your request concerning [Client's name]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_written_request_reply_does_not_promise_to_comply_once_it_is_in_writing_and_asks_who_was_given_notice()
    {
        var text = Text("reply", "request-not-valid-yet");

        Assert.Contains("Even then, a victim information request does not compel me", text, StringComparison.Ordinal);
        Assert.Contains("a parent, guardian, representative of the care authority or other appropriate adult", text, StringComparison.Ordinal);
        Assert.Contains("send it, or confirm it, in writing", text, StringComparison.Ordinal);
        Assert.DoesNotContain("will continue in the meantime", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_access_reply_does_not_raise_pressure_in_a_letter_someone_else_may_read()
    {
        var text = Text("reply", "client-access-request");

        Assert.DoesNotContain("If anyone is asking you to get your records", text, StringComparison.Ordinal);
        Assert.Contains("so that it reaches only you", text, StringComparison.Ordinal);
        Assert.Contains("without undue delay and within one month", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_court_reply_does_not_say_the_client_was_told_and_the_report_gives_no_dates_unless_asked()
    {
        var court = Text("reply", "comply-with-court-order");
        var report = Text("report", "authorised-request-with-consent");

        Assert.DoesNotContain("I have told my client", court, StringComparison.Ordinal);
        Assert.Contains("[Whether and when you told your client about it, or why you have not]", court, StringComparison.Ordinal);
        Assert.Contains("If this is a witness summons in criminal proceedings", court, StringComparison.Ordinal);
        Assert.DoesNotContain("Sessions so far", report, StringComparison.Ordinal);
        Assert.Contains("Only if the request asks for them and your client agreed", report, StringComparison.Ordinal);
    }

    [Fact]
    public void The_consent_form_says_where_the_information_may_go_and_when_not_to_use_it()
    {
        var text = Text("consent-form", "authorised-request-without-valid-consent");

        Assert.Contains("may be shown to the defence and used in court", text, StringComparison.Ordinal);
        Assert.Contains("Never use it after your client has refused", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_agreement_clause_does_not_over_promise()
    {
        var text = Text("agreement-clause", "request-not-valid-yet");

        Assert.Contains("except where the law requires it", text, StringComparison.Ordinal);
        Assert.Contains("our clinical supervisor and our insurer's legal advisers", text, StringComparison.Ordinal);
        Assert.Contains("what has already been sent cannot be called back", text, StringComparison.Ordinal);
        Assert.Contains("up to three months for a complex request", text, StringComparison.Ordinal);
    }
}
