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

        Assert.Equal(138_240, count);
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
                && a["requester"] is "police" or "cps"
                && a["clientRole"] != "suspect"
                && a["inWriting"] == "yes"
                && a["chiefInspectorAuthorisation"] == "yes"
                && a["consent"] == "given"
                && a["consentPressure"] == "no"
                && a["clientCapacity"] is "adult" or "child";
            Assert.True(
                (advice.HandOverNotes == "as-ordered" && ordered) || (advice.HandOverNotes == "minimum-with-consent" && lawfulWithConsent),
                $"{Describe(a)} → {advice.HandOverNotes}");
        }
    }

    [Fact]
    public void Every_outcome_carries_the_four_universal_steps()
    {
        foreach (var a in ContractTable.AllCompleteAnswers())
        {
            var codes = AdviceFor(a).Steps.Select(s => s.Code).ToList();
            foreach (var universal in new[] { "preserve-records", "log-request", "contact-insurer-helpline", "consult-supervisor" })
            {
                Assert.True(codes.Contains(universal), $"{Describe(a)} lacks {universal}");
            }
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
        string[] consentOrReportSteps = ["discuss-consent-with-client", "offer-report-instead", "consent-not-valid-pressure"];
        foreach (var a in ContractTable.AllCompleteAnswers())
        {
            var advice = AdviceFor(a);
            var ids = advice.Links.Select(l => l.Id).ToList();
            Assert.All(ids, id => Assert.Contains(id, AdviceContract.LinkIds));
            Assert.All(advice.Links, l => Assert.StartsWith("https://", l.Url, StringComparison.Ordinal));
            if (a["jurisdiction"] == "england-wales")
            {
                Assert.Contains("cps-pre-trial-therapy", ids);
                Assert.Contains("gov-uk-new-rules-2026", ids);
            }

            if (advice.Steps.Any(s => consentOrReportSteps.Contains(s.Code)))
            {
                Assert.True(ids.Contains("bluestar-project"), $"{Describe(a)} discusses consent or a report without the Bluestar link");
            }
        }
    }
}
