using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Guidance.Tests;

/// <summary>What a reviewer of the shipped rulebook relies on: codes from the contract, real sources, https links.</summary>
public sealed class ShippedRulebookTests
{
    private static readonly RulebookDocument Rulebook = RulebookLoader.LoadShipped();

    [Fact]
    public void It_is_effective_from_the_day_the_new_rules_came_into_force_and_says_it_is_not_legal_advice()
    {
        Assert.Equal(new DateOnly(2026, 1, 12), Rulebook.EffectiveDate);
        Assert.True(Rulebook.LastReviewed >= Rulebook.EffectiveDate);
        Assert.Contains("not legal advice", Rulebook.Disclaimer, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', Rulebook.Disclaimer);
        Assert.Contains("insurer's legal helpline", Rulebook.HelplineInstruction, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_step_code_and_link_id_is_in_the_contract_s_vocabulary()
    {
        Assert.All(Rulebook.Outcomes.SelectMany(o => o.Steps), s => Assert.Contains(s.Code, AdviceContract.StepCodes));
        Assert.All(Rulebook.Steps.Keys, code => Assert.Contains(code, AdviceContract.StepCodes));
        Assert.All(Rulebook.Outcomes.SelectMany(o => o.Links), id => Assert.Contains(id, AdviceContract.LinkIds));
        Assert.Equal(AdviceContract.Outcomes.Order(), Rulebook.Outcomes.Select(o => o.Id).Order());
    }

    [Fact]
    public void Every_hand_over_verdict_of_the_contract_has_its_own_one_line_wording()
    {
        Assert.Equal(AdviceContract.HandOverNotes.Order(), Rulebook.HandOverNotesLabels.Keys.Order());
        Assert.All(Rulebook.HandOverNotesLabels.Values, label =>
        {
            Assert.False(string.IsNullOrWhiteSpace(label));
            Assert.DoesNotContain('\n', label);
        });
        Assert.Equal(AdviceContract.HandOverNotes.Count, Rulebook.HandOverNotesLabels.Values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_link_and_source_url_is_https()
    {
        Assert.All(Rulebook.Links, l => Assert.StartsWith("https://", l.Url, StringComparison.Ordinal));
        Assert.All(Rulebook.Sources.Where(s => s.Url is not null), s => Assert.StartsWith("https://", s.Url, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_step_cites_at_least_one_known_source_and_cards_list_exactly_the_cited_sources()
    {
        var known = Rulebook.Sources.Select(s => s.Id).ToHashSet();
        Assert.All(Rulebook.Steps.Values, step =>
        {
            Assert.NotEmpty(step.Sources);
            Assert.All(step.Sources, id => Assert.Contains(id, known));
        });

        var advisor = Advisor.Create(Rulebook, new PracticeSettings());
        foreach (var walkthrough in advisor.Walkthroughs())
        {
            var cited = walkthrough.Advice.Steps.SelectMany(s => s.Sources).ToHashSet();
            Assert.Equal(cited.Order(), walkthrough.Advice.Sources.Select(s => s.Id).Order());
        }
    }

    [Fact]
    public void Nothing_in_the_rulebook_looks_like_a_phone_number()
    {
        var text = RulebookLoader.ReadShippedText();
        Assert.DoesNotMatch(@"\b0\d{3}[ -]?\d{3}[ -]?\d{3,4}\b|\+44", text);
    }

    [Fact]
    public void Every_question_offers_exactly_the_contract_s_values_and_has_a_reason()
    {
        Assert.Equal(AdviceContract.Answers.Select(a => a.Key), Rulebook.Questions.Select(q => q.Id));
        foreach (var question in Rulebook.Questions)
        {
            Assert.Equal(AdviceContract.ValuesOf(question.Id)!, question.Choices.Select(c => c.Value));
            Assert.False(string.IsNullOrWhiteSpace(question.Why));
        }
    }

    [Fact]
    public void Only_the_verified_urls_from_the_domain_brief_are_used()
    {
        string[] verified =
        [
            "https://www.gov.uk/government/news/new-rules-on-police-requesting-counselling-notes-come-into-force--2",
            "https://www.gov.uk/government/consultations/victim-information-requests-code-of-practice",
            "https://www.cps.gov.uk/legal-guidance/pre-trial-therapy",
            "https://www.bluestarproject.co.uk",
            "https://counsellingtutor.com/new-police-guidance-on-accessing-counselling-records/",
            "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/lawful-basis/consent/",
        ];
        var used = Rulebook.Links.Select(l => l.Url).Concat(Rulebook.Sources.Select(s => s.Url).OfType<string>());
        Assert.All(used, url => Assert.Contains(url, verified));
    }
}
