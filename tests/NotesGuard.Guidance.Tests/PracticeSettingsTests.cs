using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Guidance.Tests;

public sealed class PracticeSettingsTests
{
    private static readonly AnswerSet CourtOrder = AnswerSet.From(new Dictionary<string, string>
    {
        ["jurisdiction"] = "england-wales",
        ["requester"] = "police",
        ["courtOrder"] = "yes",
        ["safeguardingConcern"] = "no",
    });

    [Fact]
    public void Without_configured_helplines_the_card_tells_the_reader_to_call_their_insurer_s_legal_helpline()
    {
        var advice = Advisor.Create(new PracticeSettings()).Advise(CourtOrder).Result!;

        Assert.Empty(advice.Helplines);
        Assert.Equal(RulebookLoader.LoadShipped().HelplineInstruction, advice.HelplineInstruction);
        Assert.Contains("professional indemnity insurer's legal helpline", advice.HelplineInstruction, StringComparison.Ordinal);
        Assert.Null(advice.PracticeName);
    }

    [Fact]
    public void Configured_helplines_practice_name_and_supervisor_are_shown_on_the_card()
    {
        // 01632 960xxx is Ofcom's range reserved for fiction: never a real helpline.
        var settings = new PracticeSettings
        {
            PracticeName = "Riverside Counselling",
            SupervisorContact = "Sam, via the practice office",
            InsurerHelplines =
            [
                new HelplineSetting { Name = "Example Insurer legal line", Phone = "01632 960001", Hours = "Mon-Fri 9-5", PolicyNumberHint = "on your renewal letter" },
            ],
        };

        var advice = Advisor.Create(settings).Advise(CourtOrder).Result!;

        var helpline = Assert.Single(advice.Helplines);
        Assert.Equal("Example Insurer legal line", helpline.Name);
        Assert.Equal("01632 960001", helpline.Phone);
        Assert.Equal("Mon-Fri 9-5", helpline.Hours);
        Assert.Equal("on your renewal letter", helpline.PolicyNumberHint);
        Assert.NotNull(advice.HelplineInstruction);
        Assert.Equal("Riverside Counselling", advice.PracticeName);
        Assert.Equal("Sam, via the practice office", advice.SupervisorContact);
    }

    [Fact]
    public void A_helpline_without_a_phone_number_stops_start_up_with_the_key_named()
    {
        var settings = new PracticeSettings { InsurerHelplines = [new HelplineSetting { Name = "Insurer", Phone = "" }] };

        var ex = Assert.Throws<PracticeSettingsException>(() => Advisor.Create(settings));

        Assert.Contains("Practice:InsurerHelplines:0:Phone", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_practice_s_own_copy_of_the_rulebook_is_used_when_configured()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ng-rulebook-{Guid.NewGuid():N}.yaml");
        var shipped = RulebookLoader.LoadShipped().Version;
        var text = RulebookLoader.ReadShippedText()
            .Replace("A witness summons, court order or coroner's notice compels you: act on it before its date.", "Our practice wording: comply with the order.", StringComparison.Ordinal)
            .Replace($"version: \"{shipped}\"\neffectiveDate", $"version: \"{shipped}-riverside\"\neffectiveDate", StringComparison.Ordinal);
        File.WriteAllText(path, text);
        try
        {
            var advisor = Advisor.Create(new PracticeSettings { RulebookPath = path });
            var advice = advisor.Advise(CourtOrder).Result!;
            Assert.Equal("Our practice wording: comply with the order.", advice.Headline);
            Assert.Equal($"{shipped}-riverside", advice.RulebookVersion);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_rulebook_path_that_does_not_exist_is_named_in_the_error()
    {
        var ex = Assert.Throws<PracticeSettingsException>(() => Advisor.Create(new PracticeSettings { RulebookPath = "/nonexistent/rulebook.yaml" }));
        Assert.Contains("Practice:RulebookPath", ex.Message, StringComparison.Ordinal);
    }
}
