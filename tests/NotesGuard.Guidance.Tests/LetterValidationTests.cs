using NotesGuard.Guidance.Letters;
using NotesGuard.Guidance.Rulebook;
using static NotesGuard.Guidance.Tests.BrokenRulebook;

namespace NotesGuard.Guidance.Tests;

/// <summary>
/// The rulebook's <c>letters</c> section broken as a practice editing its copy might break it: each mistake is
/// refused with the file, the line and the path, as <c>notesguard rulebook check</c> prints it.
/// </summary>
public sealed class LetterValidationTests
{
    private static void AssertError(string yaml, int line, string pathAndMessage) =>
        BrokenRulebook.AssertError(Errors(yaml), line, pathAndMessage);

    [Fact]
    public void The_shipped_rulebook_has_every_kind_and_every_reply()
    {
        var letters = RulebookLoader.Parse(Shipped, FileName).Letters;
        Assert.Equal(LetterContract.Kinds, letters.KindsWithOutcomes().Where(k => k.Outcomes.Count > 0).Select(k => k.Kind));
        Assert.Equal(
            LetterContract.ReplyVariants.Order(StringComparer.Ordinal),
            letters.Templates.Where(t => t.Kind == LetterContract.Reply).Select(t => t.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_paragraph_citing_an_unknown_source_is_named()
    {
        var yaml = Break("              sources: [vir-legislation, vir-clearance-announcement, vir-code-2026]", "              sources: [vir-legislation, no-such-source]");
        AssertError(yaml, LineOf(yaml, "[vir-legislation, no-such-source]"), "letters.documents[0].sections[1].paragraphs[1].sources: unknown source 'no-such-source'");
    }

    [Fact]
    public void A_document_fitting_an_unknown_outcome_is_named()
    {
        var yaml = Break("      fits: [request-not-valid-yet]\n", "      fits: [request-not-valid]\n");
        AssertError(yaml, LineOf(yaml, "[request-not-valid]"), "letters.documents[0].fits: unknown outcome 'request-not-valid' (allowed: seek-legal-advice-other-jurisdiction");
    }

    [Fact]
    public void A_document_missing_a_required_section_is_named()
    {
        var yaml = Break("        - id: client-comments\n", "        - id: client-remarks\n");
        AssertError(yaml, LineOf(yaml, "    - kind: report") + 0, "letters.documents[5]: missing required section 'client-comments'");
    }

    [Fact]
    public void A_document_without_its_required_blanks_is_named()
    {
        var yaml = Break("            - \"I, {client-name}, agree", "            - \"I, the client, agree");
        yaml = yaml.Replace("Client's signature: {signature}   Date: {date}\"\n            - \"Therapist: {therapist-name}   Signature: {signature}   Date: {date}\"", "Client's signature\"", StringComparison.Ordinal);
        AssertError(yaml, LineOf(yaml, "    - kind: consent-form"), "letters.documents[6]: missing required blank '{client-name}'");
    }

    [Fact]
    public void An_unknown_placeholder_is_named()
    {
        var yaml = Break("\"To: {recipient}\"", "\"To: {officer-name}\"");
        AssertError(yaml, LineOf(yaml, "\"To: {officer-name}\""), "letters.documents[0].sections[0].paragraphs[2]: unknown placeholder '{officer-name}'");
    }

    [Theory]
    [InlineData("cleared at least at Chief Inspector level")]
    [InlineData("authorised by a Chief Inspector")]
    public void Chief_Inspector_clearance_must_be_worded_exactly(string wording)
    {
        var yaml = Break("- text: \"- confirmation that the request was cleared at Chief Inspector level;\"", $"- text: \"- confirmation that the request was {wording};\"");
        AssertError(yaml, LineOf(yaml, wording), "say \"cleared at Chief Inspector level\" exactly");
    }

    [Fact]
    public void A_phone_number_in_a_document_is_refused()
    {
        var yaml = Break("\"Supervisor: {supervisor-contact}\"", "\"Supervisor: 0800 123 4567\"");
        AssertError(yaml, LineOf(yaml, "0800 123 4567"), "looks like a phone number");
    }

    [Fact]
    public void Two_replies_fitting_one_outcome_are_refused()
    {
        var yaml = Break("      fits: [authorised-request-with-consent]\n", "      fits: [authorised-request-with-consent, suspect-records-request]\n");
        AssertError(yaml, LineOf(yaml, "      id: offer-agreed-report") - 1, "at most one reply may fit an outcome");
    }

    [Fact]
    public void A_rulebook_without_letters_is_valid_and_offers_no_documents()
    {
        var start = Shipped.IndexOf("\nletters:\n", StringComparison.Ordinal);
        var end = Shipped.IndexOf("\nlinks:\n", StringComparison.Ordinal);
        var rulebook = RulebookLoader.Parse(Shipped.Remove(start, end - start), FileName);
        Assert.Empty(rulebook.Letters.FittingOutcome("request-not-valid-yet"));
    }
}
