namespace NotesGuard.Guidance.Tests;

/// <summary>
/// The three answers the 2026.2 review found could hurt a therapist who acts on them, read as the therapist reads
/// the card: its words, not its codes.
/// </summary>
public sealed class HarmfulAnswerTests
{
    private static readonly Advisor Advisor = Advisor.Create(new PracticeSettings());

    private static Advice Card(params (string Key, string Value)[] answers)
    {
        var response = Advisor.Advise(AnswerSet.From(answers.ToDictionary(a => a.Key, a => a.Value)));
        Assert.True(response.IsComplete, $"expected a card, got the question '{response.NextQuestion?.Id}'");
        return response.Result!;
    }

    private static string Text(Advice card) =>
        string.Join("\n", new[] { card.Headline, card.HandOverNotesLabel }.Concat(card.Steps.Select(s => s.Text)));

    [Fact]
    public void A_summons_delivered_by_police_is_still_a_summons_and_its_date_must_not_pass()
    {
        var card = Card(
            ("jurisdiction", "england-wales"), ("requester", "police"), ("courtOrder", "unsure"), ("clientRole", "complainant"),
            ("inWriting", "yes"), ("chiefInspectorAuthorisation", "yes"), ("consent", "not-asked"), ("safeguardingConcern", "no"));
        var check = card.DoNowSteps.Single(s => s.Code == "check-if-court-order").Text;

        Assert.Contains("still a summons", check, StringComparison.Ordinal);
        Assert.Contains("police officer", check, StringComparison.Ordinal);
        Assert.Contains("never let its date pass", check, StringComparison.Ordinal);
        Assert.Contains("court, the case and a date", check, StringComparison.Ordinal);
        // The old wording told therapists a document from the police could not be an order.
        Assert.DoesNotContain("not from the police", Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain("treat it as a request", Text(card), StringComparison.Ordinal);
        Assert.Contains(card.DoNowSteps, s => s.Code == "contact-insurer-helpline");
    }

    [Theory]
    [InlineData("scotland")]
    [InlineData("northern-ireland")]
    public void Outside_england_and_wales_a_court_order_there_must_not_be_ignored(string jurisdiction)
    {
        var card = Card(("jurisdiction", jurisdiction), ("safeguardingConcern", "no"));

        Assert.Contains("must not be ignored", Text(card), StringComparison.Ordinal);
        Assert.Contains("before its date", Text(card), StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_asking_for_their_own_notes_gets_a_subject_access_card_not_no_obligation()
    {
        var card = Card(("jurisdiction", "england-wales"), ("requester", "client"), ("courtOrder", "no"), ("safeguardingConcern", "no"));
        var text = Text(card);

        Assert.Equal("client-access-request", card.Outcome);
        Assert.Equal("client-copy", card.HandOverNotes);
        Assert.DoesNotContain("do not have to hand notes", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("subject access request", text, StringComparison.Ordinal);
        Assert.Contains("one month", text, StringComparison.Ordinal);
        Assert.Contains("serious harm", text, StringComparison.Ordinal);
        Assert.Contains("take advice", text, StringComparison.Ordinal);
        Assert.Contains("other people", text, StringComparison.Ordinal);
        Assert.Contains(card.Links, l => l.Id == "ico-right-of-access");
    }

    [Theory]
    [InlineData("adult")]
    [InlineData("child")]
    public void The_only_card_that_says_share_checks_consent_with_the_client_and_the_lawful_basis(string capacity)
    {
        var card = Card(
            ("jurisdiction", "england-wales"), ("requester", "police"), ("courtOrder", "no"), ("clientRole", "complainant"),
            ("inWriting", "yes"), ("chiefInspectorAuthorisation", "yes"), ("consent", "given"), ("consentPressure", "no"),
            ("clientCapacity", capacity), ("safeguardingConcern", "no"));
        var consent = card.Steps.Single(s => s.Code == "discuss-consent-with-client").Text;

        Assert.Equal("minimum-with-consent", card.HandOverNotes);
        Assert.Contains("explicit", consent, StringComparison.Ordinal);
        Assert.Contains("specific", consent, StringComparison.Ordinal);
        Assert.Contains("in writing", consent, StringComparison.Ordinal);
        Assert.Contains("refuse", consent, StringComparison.Ordinal);
        Assert.Contains("withdraw", consent, StringComparison.Ordinal);
        Assert.Contains("lawful basis", card.Steps.Single(s => s.Code == "data-protection-basis").Text, StringComparison.Ordinal);

        var childCaveat = card.Steps.SingleOrDefault(s => s.Code == "check-capacity")?.Text ?? "";
        if (capacity == "child")
        {
            Assert.Contains("notice of the request may go to a parent", childCaveat, StringComparison.Ordinal);
            Assert.Contains("may not be free to agree", childCaveat, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(childCaveat);
        }
    }

    [Fact]
    public void A_cps_request_is_routed_through_the_police_or_a_court_without_chief_inspector_or_switchboard_steps()
    {
        var card = Card(("jurisdiction", "england-wales"), ("requester", "cps"), ("courtOrder", "no"), ("safeguardingConcern", "no"));
        var text = Text(card);

        Assert.Equal("prosecutor-request", card.Outcome);
        Assert.Contains("through the police or apply to a court", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Chief Inspector", text, StringComparison.Ordinal);
        Assert.DoesNotContain("switchboard", text, StringComparison.Ordinal);
        Assert.Contains(card.Steps, s => s.Code == "therapy-can-continue");
    }

    [Fact]
    public void Safeguarding_comes_first_and_says_sharing_to_protect_someone_can_be_lawful_without_consent()
    {
        var card = Card(("jurisdiction", "england-wales"), ("requester", "defence"), ("courtOrder", "no"), ("safeguardingConcern", "yes"));
        var first = card.Steps[0];

        Assert.Equal("safeguarding-duty", first.Code);
        Assert.Contains("lawful without consent", first.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("does not change what you should do", first.Text, StringComparison.Ordinal);
    }

    // The 2026.3 review (December 2026): four more answers a therapist could be hurt by acting on.

    [Fact]
    public void A_therapist_who_says_there_is_a_court_order_is_first_told_to_check_it_is_one()
    {
        var card = Card(("jurisdiction", "england-wales"), ("requester", "police"), ("courtOrder", "yes"), ("safeguardingConcern", "no"));
        var first = card.DoNowSteps.First();

        // An official-looking police letter answered as "yes" was told only to provide what it covers by its date.
        Assert.Equal("comply-with-order", first.Code);
        Assert.StartsWith("Check it is a court document", first.Text, StringComparison.Ordinal);
        Assert.Contains("police production order, take legal advice before complying", first.Text, StringComparison.Ordinal);
        Assert.Contains("Never let its date pass", first.Text, StringComparison.Ordinal);
        Assert.Contains(card.DoNowSteps, s => s.Code == "contact-insurer-helpline");
    }

    [Fact]
    public void A_client_who_refused_is_not_asked_again_for_their_agreement()
    {
        var refused = Card(
            ("jurisdiction", "england-wales"), ("requester", "police"), ("courtOrder", "no"), ("clientRole", "complainant"),
            ("inWriting", "yes"), ("chiefInspectorAuthorisation", "yes"), ("consent", "refused"), ("safeguardingConcern", "no"));
        var notAsked = Card(
            ("jurisdiction", "england-wales"), ("requester", "police"), ("courtOrder", "no"), ("clientRole", "complainant"),
            ("inWriting", "yes"), ("chiefInspectorAuthorisation", "yes"), ("consent", "not-asked"), ("safeguardingConcern", "no"));

        Assert.Equal("no", refused.HandOverNotes);
        Assert.DoesNotContain(refused.Steps, s => s.Code == "discuss-consent-with-client");
        Assert.DoesNotContain("get their explicit agreement", Text(refused), StringComparison.Ordinal);
        Assert.Contains(refused.Steps, s => s.Code == "explain-court-route");
        Assert.StartsWith("If your client wishes", refused.Steps.Single(s => s.Code == "offer-report-instead").Text, StringComparison.Ordinal);
        // A client who has not been asked yet still is, away from anyone involved.
        Assert.Contains(notAsked.Steps, s => s.Code == "discuss-consent-with-client");
    }

    // 2026.4: a witness who is not a victim.

    [Theory]
    [InlineData("no", "yes", "not-asked")]
    [InlineData("yes", "no", "not-asked")]
    [InlineData("yes", "yes", "given")]
    public void A_client_who_is_a_witness_is_told_the_victim_route_may_not_apply_and_to_ask_which_route_and_take_advice(string inWriting, string cleared, string consent)
    {
        var card = Card(
            ("jurisdiction", "england-wales"), ("requester", "police"), ("courtOrder", "no"), ("clientRole", "witness"), ("inWriting", inWriting),
            ("chiefInspectorAuthorisation", cleared), ("consent", consent), ("consentPressure", "no"), ("clientCapacity", "adult"), ("safeguardingConcern", "no"));
        var complainant = Card(
            ("jurisdiction", "england-wales"), ("requester", "police"), ("courtOrder", "no"), ("clientRole", "complainant"), ("inWriting", inWriting),
            ("chiefInspectorAuthorisation", cleared), ("consent", consent), ("consentPressure", "no"), ("clientCapacity", "adult"), ("safeguardingConcern", "no"));

        // Before, a witness got the victim route alone, as if the victim information request rules applied.
        var step = Assert.Single(card.Steps, s => s.Code == "not-a-victim-request");
        Assert.Contains("perhaps not a client who is only a witness", step.Text, StringComparison.Ordinal);
        Assert.Contains("No police request compels you without a court order", step.Text, StringComparison.Ordinal);
        Assert.Contains("take advice before sharing, even with consent", step.Text, StringComparison.Ordinal);
        Assert.Contains(card.DoNowSteps, s => s.Code == "not-a-victim-request");
        Assert.Contains(card.DoNowSteps, s => s.Code == "contact-insurer-helpline");
        Assert.DoesNotContain(complainant.Steps, s => s.Code == "not-a-victim-request");
    }

    [Fact]
    public void A_client_whose_role_is_unsure_is_warned_too_but_never_before_a_pressured_clients_consent()
    {
        var unsure = Card(
            ("jurisdiction", "england-wales"), ("requester", "police"), ("courtOrder", "no"), ("clientRole", "unsure"), ("inWriting", "no"), ("safeguardingConcern", "no"));
        var pressured = Card(
            ("jurisdiction", "england-wales"), ("requester", "police"), ("courtOrder", "no"), ("clientRole", "witness"), ("inWriting", "yes"),
            ("chiefInspectorAuthorisation", "yes"), ("consent", "given"), ("consentPressure", "yes"), ("clientCapacity", "unsure"), ("safeguardingConcern", "yes"));

        Assert.Contains(unsure.Steps, s => s.Code == "not-a-victim-request");
        // What "Do now" says of a client who may be pressed, or whose notice may go to the person accused, stays first.
        Assert.Equal(["safeguarding-duty", "contact-insurer-helpline", "consent-not-valid-pressure"], pressured.DoNowSteps.Select(s => s.Code));
        Assert.Contains(pressured.Steps, s => s.Code == "not-a-victim-request");
    }

    [Theory]
    [InlineData("social-services")]
    [InlineData("parent-or-family")]
    public void Without_an_order_the_card_says_generally_not_obliged_and_that_public_bodies_take_advice(string requester)
    {
        var card = Card(("jurisdiction", "england-wales"), ("requester", requester), ("courtOrder", "no"), ("safeguardingConcern", "no"));
        var step = card.Steps.Single(s => s.Code == "no-obligation-without-order").Text;

        Assert.StartsWith("Without a court order you generally do not have to", step, StringComparison.Ordinal);
        Assert.DoesNotContain("person asking has no power", card.Headline, StringComparison.Ordinal);
        Assert.Contains("public body, take advice first", step, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_asking_for_their_records_perhaps_under_pressure_is_spoken_with_alone()
    {
        var card = Card(("jurisdiction", "england-wales"), ("requester", "client"), ("courtOrder", "no"), ("safeguardingConcern", "no"));
        var exemptions = card.Steps.Single(s => s.Code == "check-access-exemptions").Text;

        Assert.Equal("client-copy", card.HandOverNotes);
        Assert.Contains("pressing your client", exemptions, StringComparison.Ordinal);
        Assert.Contains("speak with your client alone", exemptions, StringComparison.Ordinal);
        Assert.Contains("safeguarding", exemptions, StringComparison.Ordinal);
    }
}
