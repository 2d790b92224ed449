using System.Text.RegularExpressions;
using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Guidance.Tests;

/// <summary>What a reviewer of the shipped rulebook relies on: codes from the contract, real sources, https links.</summary>
public sealed class ShippedRulebookTests
{
    private static readonly RulebookDocument Rulebook = RulebookLoader.LoadShipped();

    [Fact]
    public void It_is_effective_from_the_day_the_new_rules_came_into_force_and_says_it_is_not_legal_advice()
    {
        Assert.Equal("2026.4", Rulebook.Version);
        Assert.Equal(new DateOnly(2026, 1, 12), Rulebook.EffectiveDate);
        Assert.Equal(new DateOnly(2026, 12, 1), Rulebook.LastReviewed);
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
            "https://www.cps.gov.uk/prosecution-guidance/pre-trial-therapy",
            "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/individual-rights/right-of-access/what-should-we-consider-when-responding-to-a-request/",
            "https://www.bluestarproject.co.uk",
            "https://counsellingtutor.com/new-police-guidance-on-accessing-counselling-records/",
            "https://ico.org.uk/for-organisations/uk-gdpr-guidance-and-resources/lawful-basis/consent/",
        ];
        var used = Rulebook.Links.Select(l => l.Url).Concat(Rulebook.Sources.Select(s => s.Url).OfType<string>());
        Assert.All(used, url => Assert.Contains(url, verified));
    }

    [Fact]
    public void The_guidance_links_use_the_addresses_therapists_share_and_the_code_links_its_consultation_page()
    {
        Assert.Equal("https://www.cps.gov.uk/prosecution-guidance/pre-trial-therapy", Rulebook.Links.Single(l => l.Id == "cps-pre-trial-therapy").Url);
        Assert.Equal(
            "https://www.gov.uk/government/consultations/victim-information-requests-code-of-practice",
            Rulebook.Sources.Single(s => s.Id == "vir-code-2026").Url);
        Assert.StartsWith("https://ico.org.uk/", Rulebook.Links.Single(l => l.Id == "ico-right-of-access").Url, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_whose_sources_are_missing_or_unverified_are_listed()
    {
        var confidence = Rulebook.Sources.ToDictionary(s => s.Id, s => s.Confidence);
        var problems = Rulebook.Steps.Values
            .SelectMany(step => step.Sources.Count == 0
                ? [$"{step.Code}: no source"]
                : step.Sources
                    .Where(id => !confidence.TryGetValue(id, out var c) || c == "L")
                    .Select(id => $"{step.Code}: source '{id}' is {(confidence.ContainsKey(id) ? "unverified (L)" : "not defined")}"))
            .ToList();
        Assert.True(problems.Count == 0, "steps without a verified source:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_changelog_has_an_entry_per_change_of_issue_10_each_citing_known_sources()
    {
        var known = Rulebook.Sources.Select(s => s.Id).ToHashSet();
        var current = Rulebook.Changelog.Where(e => e.Version == "2026.2").ToList();
        Assert.True(current.Count >= 14, $"expected an entry for each of the 14 changes, got {current.Count}");
        Assert.All(current, e =>
        {
            Assert.NotEmpty(e.Sources);
            Assert.All(e.Sources, id => Assert.Contains(id, known));
        });
        Assert.Contains(current, e => e.Change.Contains("check-if-court-order", StringComparison.Ordinal));
        Assert.Contains(current, e => e.Change.Contains("client-access-request", StringComparison.Ordinal));
        Assert.Contains(current, e => e.Change.Contains("prosecutor-request", StringComparison.Ordinal));
        Assert.Contains(current, e => e.Change.Contains("social-services-request", StringComparison.Ordinal));
    }

    [Fact]
    public void Wording_never_states_more_than_the_sources_say()
    {
        var text = RulebookLoader.ReadShippedText();
        var words = string.Join("\n", Rulebook.Steps.Values.Select(s => s.Text)
            .Concat(Rulebook.Outcomes.Select(o => o.Headline))
            .Concat(Rulebook.Questions.SelectMany(q => new[] { q.Text, q.Why }.Concat(q.Choices.Select(c => c.Title)))));

        // Chief Inspector clearance: the Code's wording was not read, so no rank rule.
        Assert.DoesNotMatch(@"(?i)at least (a )?chief inspector|chief inspector rank|rank of chief inspector", words);
        Assert.Contains("cleared at Chief Inspector level", words, StringComparison.Ordinal);

        // The Criminal Procedure Rules are cited by name, never by rule or part number.
        Assert.DoesNotMatch(@"(?i)(criminal procedure rules?|crim ?pr)\s*(part|rule|r\.)?\s*\d", text);

        // A therapist is never told the police must "show" them anything.
        Assert.DoesNotMatch(@"(?i)police (must|have to|need to) show", words);

        // Jargon is explained in plain words or left out.
        Assert.DoesNotMatch(@"(?i)probative|excluded material|gillick", string.Join("\n", Rulebook.Steps.Values.Select(s => s.Text).Concat(Rulebook.Outcomes.Select(o => o.Headline))));
    }

    [Fact]
    public void No_step_is_longer_than_the_limit_or_more_than_two_sentences()
    {
        var advisor = Advisor.Create(Rulebook, new PracticeSettings());
        var tooLong = advisor.Walkthroughs()
            .SelectMany(w => w.Advice.Steps)
            .Where(s => s.Text.Length > RulebookLimits.MaxStepTextLength || SentenceCount(s.Text) > 2)
            .Select(s => $"{s.Code} ({s.Text.Length} characters, {SentenceCount(s.Text)} sentences)")
            .Distinct()
            .ToList();
        Assert.True(tooLong.Count == 0, "steps too long to read under stress: " + string.Join("; ", tooLong));
    }

    [Fact]
    public void Every_card_names_the_helpline_once_and_its_headline_does_not_repeat_the_hand_over_line()
    {
        var advisor = Advisor.Create(Rulebook, new PracticeSettings());
        foreach (var card in advisor.Walkthroughs().Select(w => w.Advice).DistinctBy(a => a.Outcome + string.Join(",", a.Steps.Select(s => s.Code))))
        {
            var shown = string.Join("\n", new[] { card.Headline, card.HandOverNotesLabel, card.Disclaimer }.Concat(card.Steps.Select(s => s.Text)));
            Assert.True(
                Regex.Count(shown, "helpline", RegexOptions.IgnoreCase) == 1,
                $"{card.Outcome} ({string.Join(", ", card.Steps.Select(s => s.Code))}) names the helpline {Regex.Count(shown, "helpline", RegexOptions.IgnoreCase)} times");

            var shared = Shingles(card.Headline).Intersect(Shingles(card.HandOverNotesLabel)).ToList();
            Assert.True(shared.Count == 0, $"{card.Outcome}: headline and hand-over line repeat \"{string.Join("\", \"", shared)}\"");
        }
    }

    private static int SentenceCount(string text) => Regex.Count(text.Trim(), @"[.!?](\s|$)");

    /// <summary>Every run of three words, lower-cased: two lines sharing one are saying the same thing twice.</summary>
    private static IEnumerable<string> Shingles(string text)
    {
        var words = Regex.Matches(text.ToLowerInvariant(), "[a-z']+").Select(m => m.Value).ToArray();
        return Enumerable.Range(0, Math.Max(0, words.Length - 2)).Select(i => string.Join(' ', words, i, 3));
    }
}
