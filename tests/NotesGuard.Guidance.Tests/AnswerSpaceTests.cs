namespace NotesGuard.Guidance.Tests;

/// <summary>Every complete set of answers, through the shipped rulebook, against the contract's table.</summary>
public sealed class AnswerSpaceTests
{
    private static readonly Advisor Advisor = Advisor.Create(new PracticeSettings());

    private static Advice AdviceFor(Dictionary<string, string> answers)
    {
        var response = Advisor.Advise(AnswerSet.From(answers));
        Assert.True(response.IsComplete, $"complete answers must give advice: {Describe(answers)}");
        return response.Result!;
    }

    internal static string Describe(IEnumerable<KeyValuePair<string, string>> answers) =>
        string.Join(", ", answers.Select(a => $"{a.Key}={a.Value}"));

    [Fact]
    public void The_code_s_vocabulary_is_the_2026_2_contract_s()
    {
        Assert.Equal(["police", "cps", "defence", "parent-or-family", "client", "social-services", "other"], AdviceContract.ValuesOf("requester")!);
        Assert.Equal(["yes", "no", "unsure"], AdviceContract.ValuesOf("courtOrder")!);
        Assert.Equal(["no", "as-ordered", "minimum-with-consent", "client-copy"], AdviceContract.HandOverNotes);
        Assert.Equal(
            ["seek-legal-advice-other-jurisdiction", "comply-with-court-order", "suspect-records-request", "request-not-valid-yet",
             "authorised-request-without-valid-consent", "authorised-request-with-consent", "prosecutor-request", "client-access-request",
             "social-services-request", "no-obligation-without-order"],
            AdviceContract.Outcomes);
        Assert.Equal(["cps-pre-trial-therapy", "gov-uk-new-rules-2026", "bluestar-project", "ico-right-of-access"], AdviceContract.LinkIds);
        Assert.Equal(ContractTable.MaxDoNow, AdviceContract.MaxDoNowSteps);
    }

    [Fact]
    public void Every_complete_answer_set_gets_the_contract_outcome_and_hand_over_verdict()
    {
        var count = 0;
        foreach (var answers in ContractTable.AllCompleteAnswers())
        {
            var advice = AdviceFor(answers);
            var (outcome, handOver) = ContractTable.Expected(answers);
            Assert.True(
                outcome == advice.Outcome && handOver == advice.HandOverNotes,
                $"{Describe(answers)} → expected {outcome}/{handOver}, got {advice.Outcome}/{advice.HandOverNotes}");
            count++;
        }

        Assert.Equal(ContractTable.CompleteAnswerSets, count);
    }

    [Fact]
    public void Every_outcome_s_advice_carries_the_rulebook_s_wording_of_its_hand_over_verdict()
    {
        var labels = Advisor.Rulebook.HandOverNotesLabels;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var answers in ContractTable.AllCompleteAnswers())
        {
            var advice = AdviceFor(answers);
            Assert.Equal(labels[advice.HandOverNotes], advice.HandOverNotesLabel);
            seen.Add(advice.Outcome);
        }

        Assert.Equal(AdviceContract.Outcomes.Order(), seen.Order());
    }

    [Fact]
    public void Notes_are_never_handed_over_without_an_order_unless_written_authorised_and_freely_consented_by_a_client_with_capacity()
    {
        foreach (var a in ContractTable.AllCompleteAnswers())
        {
            var advice = AdviceFor(a);
            if (advice.HandOverNotes == "no")
            {
                continue;
            }

            var ordered = a["jurisdiction"] == "england-wales" && a["courtOrder"] == "yes";
            var lawfulWithConsent = a["jurisdiction"] == "england-wales"
                && a["courtOrder"] != "yes"
                && a["requester"] == "police"
                && a["clientRole"] != "suspect"
                && a["inWriting"] == "yes"
                && a["chiefInspectorAuthorisation"] == "yes"
                && a["consent"] == "given"
                && a["consentPressure"] == "no"
                && a["clientCapacity"] is "adult" or "child";
            var ownRequest = a["jurisdiction"] == "england-wales" && a["courtOrder"] != "yes" && a["requester"] == "client";
            Assert.True(
                (advice.HandOverNotes == "as-ordered" && ordered)
                    || (advice.HandOverNotes == "minimum-with-consent" && lawfulWithConsent)
                    || (advice.HandOverNotes == "client-copy" && ownRequest),
                $"{Describe(a)} → {advice.HandOverNotes}");
        }
    }

    [Fact]
    public void Every_card_carries_the_steps_the_contract_requires_and_none_it_rules_out()
    {
        foreach (var a in ContractTable.AllCompleteAnswers())
        {
            var codes = AdviceFor(a).Steps.Select(s => s.Code).ToList();
            foreach (var required in ContractTable.RequiredSteps(a))
            {
                Assert.True(codes.Contains(required), $"{Describe(a)} lacks {required}");
            }

            foreach (var forbidden in ContractTable.ForbiddenSteps(a))
            {
                Assert.False(codes.Contains(forbidden), $"{Describe(a)} shows {forbidden}");
            }

            Assert.Equal(codes.Count, codes.Distinct().Count());
        }
    }

    [Fact]
    public void Every_card_puts_at_most_three_steps_under_do_now_with_the_helpline_among_them_and_safeguarding_first()
    {
        foreach (var a in ContractTable.AllCompleteAnswers())
        {
            var advice = AdviceFor(a);
            var codes = advice.Steps.Select(s => s.Code).ToList();
            Assert.True(advice.DoNow is >= 1 and <= ContractTable.MaxDoNow, $"{Describe(a)} has {advice.DoNow} Do-now steps");
            Assert.True(
                codes.IndexOf("contact-insurer-helpline") < advice.DoNow,
                $"{Describe(a)}: the helpline is step {codes.IndexOf("contact-insurer-helpline") + 1} of {advice.DoNow} Do-now steps");
            if (codes.Contains("safeguarding-duty"))
            {
                Assert.True(codes[0] == "safeguarding-duty", $"{Describe(a)}: safeguarding is not first");
            }

            Assert.Equal(advice.Steps.Take(advice.DoNow), advice.DoNowSteps);
            Assert.Equal(advice.Steps.Skip(advice.DoNow), advice.LaterSteps);
        }
    }

    [Fact]
    public void A_safeguarding_concern_adds_the_safeguarding_step_and_never_changes_whether_notes_are_handed_over()
    {
        foreach (var a in ContractTable.AllCompleteAnswers().Where(a => a["safeguardingConcern"] == "yes"))
        {
            var withConcern = AdviceFor(a);
            var without = AdviceFor(new Dictionary<string, string>(a) { ["safeguardingConcern"] = "no" });
            Assert.Equal(without.HandOverNotes, withConcern.HandOverNotes);
            Assert.Equal(without.Outcome, withConcern.Outcome);
            Assert.Contains(withConcern.Steps, s => s.Code == "safeguarding-duty");
            Assert.DoesNotContain(without.Steps, s => s.Code == "safeguarding-duty");
        }
    }

    [Fact]
    public void An_unsure_court_order_is_treated_as_no_order_and_adds_the_check()
    {
        foreach (var a in ContractTable.AllCompleteAnswers().Where(a => a["jurisdiction"] == "england-wales" && a["courtOrder"] == "unsure"))
        {
            var unsure = AdviceFor(a);
            var none = AdviceFor(new Dictionary<string, string>(a) { ["courtOrder"] = "no" });
            Assert.Equal(none.Outcome, unsure.Outcome);
            Assert.Equal(none.HandOverNotes, unsure.HandOverNotes);
            Assert.Contains(unsure.Steps, s => s.Code == "check-if-court-order");
            Assert.DoesNotContain(none.Steps, s => s.Code == "check-if-court-order");
        }
    }

    [Fact]
    public void Links_follow_the_contract()
    {
        foreach (var a in ContractTable.AllCompleteAnswers())
        {
            var advice = AdviceFor(a);
            var ids = advice.Links.Select(l => l.Id).ToList();
            Assert.All(advice.Links, l => Assert.StartsWith("https://", l.Url, StringComparison.Ordinal));
            var expected = ContractTable.ExpectedLinks(advice.Outcome, advice.Steps.Select(s => s.Code));
            Assert.True(expected.Order().SequenceEqual(ids.Order()), $"{Describe(a)} → links {string.Join(", ", ids)}, expected {string.Join(", ", expected)}");
        }
    }
}
