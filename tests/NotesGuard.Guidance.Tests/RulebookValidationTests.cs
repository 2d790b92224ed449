using NotesGuard.Guidance.Rulebook;
using static NotesGuard.Guidance.Tests.BrokenRulebook;

namespace NotesGuard.Guidance.Tests;

/// <summary>
/// Small breakages of the shipped rulebook, as a practice editing its copy might make them; each error must
/// name the file, the line and the path so the reviewer can find it.
/// </summary>
public sealed class RulebookValidationTests
{
    [Fact]
    public void The_shipped_rulebook_is_valid()
    {
        var rulebook = RulebookLoader.Parse(Shipped, FileName);
        Assert.Equal(10, rulebook.Outcomes.Count);
    }

    [Fact]
    public void An_unknown_step_code_is_named_with_its_place_and_the_allowed_codes()
    {
        var yaml = Break("      - not-a-victim-request\n", "      - not-a-real-step\n");
        AssertError(
            Errors(yaml),
            LineOf(yaml, "      - not-a-real-step"),
            "outcomes[2].steps[3]: unknown step code 'not-a-real-step' (allowed: preserve-records, log-request");
    }

    [Fact]
    public void A_link_without_an_https_url_is_refused()
    {
        var yaml = Break("url: \"https://www.bluestarproject.co.uk\"", "url: \"http://www.bluestarproject.co.uk\"");
        AssertError(Errors(yaml), LineOf(yaml, "\"http://www.bluestarproject.co.uk\""), "links[2].url: 'http://www.bluestarproject.co.uk' is not an https URL");
    }

    [Fact]
    public void A_step_citing_an_unknown_source_is_named()
    {
        var yaml = Break("    sources: [witness-summons, coroner-notice, reading-justices]\n", "    sources: [no-such-source, coroner-notice, reading-justices]\n");
        AssertError(Errors(yaml), LineOf(yaml, "[no-such-source, coroner-notice, reading-justices"), "steps.make-representations-to-court.sources[0]: step cites unknown source 'no-such-source'");
    }

    [Fact]
    public void An_outcome_no_rule_reaches_is_named()
    {
        var yaml = Break(
            "  - when: { requester: [defence, parent-or-family, other] }\n    outcome: no-obligation-without-order",
            "  - when: { requester: [defence, parent-or-family, other] }\n    outcome: request-not-valid-yet");
        AssertError(Errors(yaml), LineOf(yaml, "  - id: no-obligation-without-order"), "outcomes[9]: no rule reaches outcome 'no-obligation-without-order'");
    }

    [Fact]
    public void A_question_nothing_asks_is_named()
    {
        // Without any step that depends on it, the safeguarding answer could never change the card.
        var yaml = Shipped.Replace("      - { code: safeguarding-duty, when: { safeguardingConcern: [\"yes\"] } }\n", "", StringComparison.Ordinal);
        AssertError(Errors(yaml), LineOf(yaml, "  - id: safeguardingConcern"), "questions[9]: question 'safeguardingConcern' is never asked");
    }

    [Fact]
    public void An_outcome_missing_a_universal_step_is_named()
    {
        var yaml = Break("      - take-legal-advice\n      - preserve-records\n", "      - take-legal-advice\n");
        AssertError(Errors(yaml), LineOf(yaml, "      - { code: safeguarding-duty"), "outcomes[0].steps: missing universal step 'preserve-records'");
    }

    [Fact]
    public void Unknown_answer_keys_and_values_in_rules_are_named_with_the_allowed_ones()
    {
        var yaml = Break("clientRole: [suspect] }", "clientRol: [suspicious] }");
        AssertError(Errors(yaml), LineOf(yaml, "clientRol:"), "rules[6].when.clientRol: unknown answer key 'clientRol' (allowed: jurisdiction, requester");

        yaml = Break("clientRole: [suspect] }", "clientRole: [suspicious] }");
        AssertError(Errors(yaml), LineOf(yaml, "suspicious"), "rules[6].when.clientRole: unknown value 'suspicious' for 'clientRole' (allowed: complainant, witness, suspect, unsure)");
    }

    [Fact]
    public void Unknown_outcomes_and_link_ids_are_named()
    {
        var yaml = Break("    outcome: no-obligation-without-order", "    outcome: no-obligation");
        AssertError(Errors(yaml), LineOf(yaml, "outcome: no-obligation\n") - 1, "rules[5]: unknown outcome 'no-obligation' (allowed: seek-legal-advice-other-jurisdiction");

        yaml = Break("    links: [cps-pre-trial-therapy, gov-uk-new-rules-2026]\n", "    links: [cps-pre-trial-therapy, made-up-link]\n");
        AssertError(Errors(yaml), LineOf(yaml, "made-up-link"), "outcomes[1].links[1]: unknown link id 'made-up-link' (allowed: cps-pre-trial-therapy, gov-uk-new-rules-2026, bluestar-project, ico-right-of-access)");
    }

    [Fact]
    public void A_hand_over_verdict_the_contract_does_not_give_is_refused()
    {
        var yaml = Break("    handOverNotes: minimum-with-consent", "    handOverNotes: as-ordered");
        AssertError(Errors(yaml), LineOf(yaml, "  - id: authorised-request-with-consent"), "outcomes[5]: handOverNotes for 'authorised-request-with-consent' must be 'minimum-with-consent'");
    }

    [Fact]
    public void Malformed_yaml_is_reported_with_its_line()
    {
        var yaml = Break("disclaimer: \"Practice", "disclaimer: [\"Practice");
        var errors = Errors(yaml);
        Assert.Single(errors);
        Assert.StartsWith($"{FileName}:", errors[0], StringComparison.Ordinal);
        Assert.Contains("malformed YAML", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_that_can_never_apply_and_answers_no_rule_covers_are_reported()
    {
        var yaml = Break("  - when: { requester: [police] }\n    outcome: authorised-request-without-valid-consent\n", "");
        var errors = Errors(yaml);
        Assert.Contains(errors, e => e.Contains("rules: no rule matches the answers", StringComparison.Ordinal));

        yaml = Break("rules:\n", "rules:\n  - when: { jurisdiction: [scotland] }\n    outcome: seek-legal-advice-other-jurisdiction\n");
        yaml = yaml.Replace("  - when: { jurisdiction: [scotland, northern-ireland, unsure] }", "  - when: { jurisdiction: [scotland] }\n    outcome: seek-legal-advice-other-jurisdiction\n  - when: { jurisdiction: [scotland, northern-ireland, unsure] }", StringComparison.Ordinal);
        Assert.Contains(Errors(yaml), e => e.Contains("rules[1]: this rule never applies", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_error_is_reported_not_just_the_first()
    {
        var yaml = Break("      - not-a-victim-request\n", "      - not-a-real-step\n")
            .Replace("url: \"https://www.bluestarproject.co.uk\"", "url: \"ftp://example\"", StringComparison.Ordinal)
            .Replace("    sources: [witness-summons, coroner-notice]\n", "    sources: [no-such-source]\n", StringComparison.Ordinal);
        Assert.True(Errors(yaml).Count >= 3);
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_the_file()
    {
        var ex = Assert.Throws<RulebookValidationException>(() => RulebookLoader.LoadFile("/nonexistent/practice.yaml"));
        Assert.StartsWith("/nonexistent/practice.yaml:", ex.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_field_is_reported_rather_than_ignored()
    {
        var yaml = Break("    headline: \"A witness summons", "    headlin: \"A witness summons");
        var errors = Errors(yaml);
        AssertError(errors, LineOf(yaml, "headlin:"), "outcomes[1]: unknown field 'headlin'");
        AssertError(errors, LineOf(yaml, "  - id: comply-with-court-order"), "outcomes[1]: missing 'headline'");
    }

    [Fact]
    public void A_rulebook_without_the_hand_over_wording_is_refused()
    {
        var start = Shipped.IndexOf("handOverNotes:\n", StringComparison.Ordinal);
        var end = Shipped.IndexOf("\n\n", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "test setup: no top-level handOverNotes section in the rulebook");
        var yaml = string.Concat(Shipped.AsSpan(0, start), Shipped.AsSpan(end + 2));
        AssertError(Errors(yaml), LineOf(yaml, "version: "), "missing 'handOverNotes'");
    }

    [Fact]
    public void A_hand_over_verdict_without_its_label_is_named()
    {
        var yaml = Break("  as-ordered: \"Hand over only", "  as-ordred: \"Hand over only");
        var errors = Errors(yaml);
        AssertError(errors, LineOf(yaml, "  \"no\": \"Do not hand over"), "handOverNotes: missing 'as-ordered'");
        AssertError(errors, LineOf(yaml, "  as-ordred:"), "handOverNotes: unknown field 'as-ordred' (allowed: no, as-ordered, minimum-with-consent, client-copy)");
    }

    [Fact]
    public void A_blank_hand_over_label_is_refused()
    {
        var yaml = Break("  \"no\": \"Do not hand over the notes now.\"", "  \"no\": \"  \"");
        AssertError(Errors(yaml), LineOf(yaml, "  \"no\": \"  \""), "handOverNotes.no: 'no' must not be empty");
    }

    [Fact]
    public void A_hand_over_label_for_a_verdict_outside_the_contract_is_refused()
    {
        var yaml = Break("  \"no\": \"Do not hand over", "  everything: \"Hand over the whole file.\"\n  \"no\": \"Do not hand over");
        AssertError(Errors(yaml), LineOf(yaml, "  everything:"), "handOverNotes: unknown field 'everything' (allowed: no, as-ordered, minimum-with-consent, client-copy)");
    }

    [Fact]
    public void A_synonym_that_could_mean_two_choices_is_refused()
    {
        var yaml = Break("        synonyms: [\"n\"]\n", "        synonyms: [\"n\", \"y\"]\n");
        Assert.Contains(Errors(yaml), e => e.Contains("questions[2].choices: 'y' would mean both 'yes' and 'no'", StringComparison.Ordinal));
    }

    [Fact]
    public void More_than_three_do_now_steps_are_refused()
    {
        var yaml = Break("doNow: 3", "doNow: 4");
        AssertError(Errors(yaml), LineOf(yaml, "doNow: 4"), "doNow: '4' is not a number of 'Do now' steps from 1 to 3");
    }

    [Fact]
    public void A_card_whose_do_now_steps_leave_out_the_helpline_is_named_with_example_answers()
    {
        // In no-obligation-without-order, move the helpline below the steps a therapist would read first.
        var start = Shipped.IndexOf("  - id: no-obligation-without-order", StringComparison.Ordinal);
        var outcome = Shipped[start..Shipped.IndexOf("    links:", start, StringComparison.Ordinal)];
        var moved = outcome.Replace("      - contact-insurer-helpline\n", "", StringComparison.Ordinal)
            .Replace("      - log-request\n", "      - log-request\n      - contact-insurer-helpline\n", StringComparison.Ordinal);
        var yaml = Shipped.Replace(outcome, moved, StringComparison.Ordinal);

        var errors = Errors(yaml);
        AssertError(errors, LineOf(yaml, "  - id: no-obligation-without-order"), "outcomes[9].steps: 'contact-insurer-helpline' must be among the first 3 ('Do now') steps of 'no-obligation-without-order'");
        Assert.Contains(errors, e => e.Contains("(e.g. for jurisdiction=england-wales, requester=", StringComparison.Ordinal));
    }

    [Fact]
    public void A_safeguarding_step_that_is_not_first_is_refused()
    {
        var yaml = Break(
            "      - { code: safeguarding-duty, when: { safeguardingConcern: [\"yes\"] } }\n      - comply-with-order\n",
            "      - comply-with-order\n      - { code: safeguarding-duty, when: { safeguardingConcern: [\"yes\"] } }\n");
        AssertError(Errors(yaml), LineOf(yaml, "  - id: comply-with-court-order"), "outcomes[1].steps: 'safeguarding-duty' must be the first step of 'comply-with-court-order' whenever it is shown, but is step 2");
    }

    [Fact]
    public void A_step_text_over_the_length_limit_is_refused()
    {
        var longText = string.Join(" ", Enumerable.Repeat("Talk the request through with your clinical supervisor.", 6));
        Assert.True(longText.Length > RulebookLimits.MaxStepTextLength);
        var yaml = Break("    text: \"Talk the request through with your clinical supervisor.\"", $"    text: \"{longText}\"");
        AssertError(Errors(yaml), LineOf(yaml, longText), $"steps.consult-supervisor.text: step text is {longText.Length} characters; keep it to one or two plain sentences of at most 300");
    }

    [Fact]
    public void A_step_the_contract_requires_on_an_outcome_cannot_be_left_out_or_made_conditional()
    {
        var yaml = Break("      - prosecutor-route\n", "");
        AssertError(Errors(yaml), LineOf(yaml, "  - id: prosecutor-request") + 4, "outcomes[6].steps: missing step 'prosecutor-route', which the advice contract requires on 'prosecutor-request'");

        yaml = Break("      - prosecutor-route\n", "      - { code: prosecutor-route, when: { safeguardingConcern: [\"no\"] } }\n");
        Assert.Contains(Errors(yaml), e => e.Contains("step 'prosecutor-route' is required on 'prosecutor-request' and must not have a 'when' condition", StringComparison.Ordinal));
    }

    [Fact]
    public void A_changelog_entry_citing_an_unknown_source_is_named()
    {
        var yaml = Break("    sources: [card-review-2026]\n", "    sources: [a-review-nobody-wrote]\n");
        AssertError(Errors(yaml), LineOf(yaml, "a-review-nobody-wrote"), "changelog[13].sources[0]: changelog entry cites unknown source 'a-review-nobody-wrote'");
    }
}
