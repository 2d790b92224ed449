using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;
using NotesGuard.Teams.Cards;
using NotesGuard.Teams.Schema;
using NotesGuard.Teams.Tests.Infrastructure;

namespace NotesGuard.Teams.Tests;

/// <summary>What a person sees on each card, and that nobody's name or text can smuggle markdown into it.</summary>
public sealed class CardRenderingTests
{
    private static ReplyRenderer Renderer(CardActionStyle style = CardActionStyle.Submit)
    {
        var buttons = new CardButtons(Options.Create(new TeamsOptions { CardActions = style }));
        return new ReplyRenderer(new QuestionCard(buttons), new ReviewCard(buttons), new GuidanceCard(buttons), new MessageCard(buttons), new DocumentsCard(buttons));
    }

    private static JsonNode Card(Activity activity) => JsonNode.Parse(activity.Attachments![0].Content!.Utf8)!;

    private static IEnumerable<JsonNode> Walk(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var descendant in Walk(child))
            {
                yield return descendant;
            }
        }
    }

    private static List<string> Texts(JsonNode card) =>
        [.. Walk(card).OfType<JsonObject>().Where(o => o["type"]?.GetValue<string>() == "TextBlock").Select(o => o["text"]!.GetValue<string>())];

    private static List<JsonObject> ActionsOfType(JsonNode card, string type) =>
        [.. Walk(card).OfType<JsonObject>().Where(o => o["type"]?.GetValue<string>() == type)];

    [Theory]
    [InlineData("*Alex*", "\\*Alex\\*")]
    [InlineData("[click me](https://evil.example)", "\\[click me\\](https://evil.example)")]
    [InlineData("- not a list", "\\- not a list")]
    [InlineData("1. not a list", "1\\. not a list")]
    [InlineData("__bold__ `code` <at>x</at>", "\\_\\_bold\\_\\_ \\`code\\` \\<at\\>x\\</at\\>")]
    [InlineData("O'Neil & Co", "O'Neil & Co")]
    [InlineData("Step one\n  + not a list\n2) nor this", "Step one\n  \\+ not a list\n2\\) nor this")]
    [InlineData("Room 12\n12 days, not 1.5", "Room 12\n12 days, not 1.5")]
    [InlineData("a line\n-b", "a line\n\\-b")]
    public void Markdown_in_plain_text_is_escaped(string plain, string escaped)
    {
        Assert.Equal(escaped, CardText.Escape(plain));
    }

    [Theory]
    [InlineData("Has a court ordered the notes?")]
    [InlineData("Line one has 2 numbers.\nLine two has 3, not 1.5")]
    public void Plain_text_with_nothing_to_escape_is_used_as_it_is(string plain)
    {
        Assert.Same(plain, CardText.Escape(plain));
    }

    [Fact]
    public void A_group_question_card_says_whose_case_it_is_first_with_the_name_escaped()
    {
        var card = Card(Renderer().Render(SampleReplies.Question(owner: "*Alex* [x](https://evil.example)")));

        var banner = card["body"]![0]!["items"]![0]!["text"]!.GetValue<string>();
        Assert.Equal("\\*Alex\\* \\[x\\](https://evil.example)'s case", banner);
    }

    [Fact]
    public void A_question_card_has_its_choices_progress_a_why_toggle_and_navigation()
    {
        var activity = Renderer().Render(SampleReplies.Question());
        var card = Card(activity);

        Assert.Contains("Question 2 of about 6", Texts(card));
        Assert.Contains("Who is asking for the notes?", Texts(card));
        var submits = ActionsOfType(card, "Action.Submit").Select(a => a["title"]!.GetValue<string>()).ToList();
        Assert.Equal(["Police", "Defence lawyer", "Back", "Restart"], submits);
        Assert.Equal("ng1|a|case-1|tag|requester|police|", ActionsOfType(card, "Action.Submit")[0]["data"]!["notesguard"]!.GetValue<string>());

        var toggle = Assert.Single(ActionsOfType(card, "Action.ToggleVisibility"));
        Assert.Equal("Why am I asked this?", toggle["title"]!.GetValue<string>());
        var target = toggle["targetElements"]![0]!.GetValue<string>();
        var why = Walk(card).OfType<JsonObject>().Single(o => o["id"]?.GetValue<string>() == target);
        Assert.False(why["isVisible"]!.GetValue<bool>());
        Assert.Contains("Different requesters have different powers.", why.ToJsonString(), StringComparison.Ordinal);

        Assert.Null(activity.Text);
        Assert.Equal("Question 2 of about 6", activity.Summary);
        Assert.Contains("Who is asking", card["fallbackText"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_with_more_choices_than_teams_shows_in_one_set_splits_them_into_sets_of_five()
    {
        var seven = SampleReplies.Question() with
        {
            Choices = [.. Enumerable.Range(1, 7).Select(i => new ReplyButton($"Choice {i}", $"ng1|a|case-1|tag|requester|c{i}|"))],
        };

        var card = Card(Renderer().Render(seven));

        var choices = Walk(card).OfType<JsonObject>().Single(o => o["id"]?.GetValue<string>() == "ng-choices");
        var sets = ActionsOfType(choices, "ActionSet");
        Assert.Equal([5, 2], sets.Select(s => s["actions"]!.AsArray().Count));
        Assert.Equal(
            Enumerable.Range(1, 7).Select(i => $"Choice {i}"),
            sets.SelectMany(s => s["actions"]!.AsArray()).Select(a => a!["title"]!.GetValue<string>()));
    }

    [Fact]
    public void With_Action_Execute_configured_buttons_carry_the_verb_and_the_same_value()
    {
        var card = Card(Renderer(CardActionStyle.Execute).Render(SampleReplies.Question()));

        var execute = ActionsOfType(card, "Action.Execute");
        Assert.Equal(4, execute.Count);
        Assert.All(execute, a => Assert.Equal(CardButtons.ExecuteVerb, a["verb"]!.GetValue<string>()));
        Assert.Empty(ActionsOfType(card, "Action.Submit"));
    }

    [Fact]
    public void An_answered_card_is_read_only_and_shows_the_answer_and_who_gave_it()
    {
        var card = Card(Renderer().Render(SampleReplies.Answered(clicked: true, by: "Alex")));

        Assert.Null(card["actions"]);
        Assert.Empty(ActionsOfType(card, "ActionSet"));
        Assert.Contains("✓ Police", Texts(card));
        Assert.Contains("Answered by Alex", Texts(card));
        Assert.Contains("Alex's case", Texts(card));
    }

    [Fact]
    public void The_guidance_card_shows_the_advice_from_the_rulebook_and_the_practices_contacts()
    {
        var activity = Renderer().Render(SampleReplies.Guidance(owner: "Alex"));
        var card = Card(activity);
        var texts = Texts(card);

        Assert.Contains("Alex's case", texts);
        Assert.Contains("Do not send notes yet", texts);
        Assert.Contains(SampleReplies.NoVerdictLabel, texts);
        Assert.DoesNotContain(texts, t => t.StartsWith("Hand over notes:", StringComparison.Ordinal));
        Assert.Contains(SampleReplies.NoVerdictLabel, card["fallbackText"]!.GetValue<string>(), StringComparison.Ordinal);
        var verdictBox = Walk(card).OfType<JsonObject>().Single(o =>
            o["type"]?.GetValue<string>() == "Container" && Texts(o).SequenceEqual([SampleReplies.NoVerdictLabel]));
        Assert.Equal("attention", verdictBox["style"]!.GetValue<string>());
        Assert.Contains("Rulebook 2026.2", texts);
        Assert.Contains("This is not legal advice.", texts);
        Assert.Contains("Riverside Therapy", texts);
        var link = Assert.Single(ActionsOfType(card, "Action.OpenUrl"));
        Assert.Equal(("CPS guidance", "https://www.cps.gov.uk/"), (link["title"]!.GetValue<string>(), link["url"]!.GetValue<string>()));
        Assert.Contains("Sam Supervisor", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Start a new case", ActionsOfType(card, "Action.Submit").Single()["title"]!.GetValue<string>());
    }

    [Fact]
    public void The_do_now_steps_come_first_under_their_own_heading_and_the_sources_once_behind_a_toggle()
    {
        var card = Card(Renderer().Render(SampleReplies.Guidance()));
        var texts = Texts(card);

        var doNow = texts.IndexOf("Do now");
        var then = texts.IndexOf("Then");
        var helpline = texts.FindIndex(t => t.Contains("Call your insurer", StringComparison.Ordinal));
        var records = texts.FindIndex(t => t.Contains("Keep the records as they are", StringComparison.Ordinal));
        Assert.True(doNow >= 0 && doNow < helpline && helpline < then && then < records, string.Join(" | ", texts));
        Assert.Equal("**1\\.** Call your insurer's legal helpline today.", texts[helpline]);
        Assert.Equal("**2\\.** Keep the records as they are.", texts[records]);
        Assert.True(
            texts.Take(doNow).All(t => !t.Contains("records", StringComparison.Ordinal)),
            "nothing before the Do-now heading but the case, headline and verdict");

        // Sources once, not after every step: a hidden list, each source with the steps that cite it.
        Assert.DoesNotContain(texts, t => t.StartsWith("Source:", StringComparison.Ordinal));
        Assert.Single(texts, t => t.Contains("A source", StringComparison.Ordinal));
        Assert.Contains("[A source](https://example.org/a) — Section 1 (step 1, 2)", texts);
        var toggle = Assert.Single(ActionsOfType(card, "Action.ToggleVisibility"));
        Assert.Equal("Sources", toggle["title"]!.GetValue<string>());
        var target = toggle["targetElements"]![0]!.GetValue<string>();
        var sources = Walk(card).OfType<JsonObject>().Single(o => o["id"]?.GetValue<string>() == target);
        Assert.False(sources["isVisible"]!.GetValue<bool>());
        Assert.Contains("A source", sources.ToJsonString(), StringComparison.Ordinal);

        // The helpline is named once: by its step, not again under the contacts.
        Assert.Single(texts, t => t.Contains("helpline", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("Do not send notes yet", card["fallbackText"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Do now 1. Call your insurer's legal helpline today.", card["fallbackText"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_helplines_are_listed_without_repeating_the_instruction_to_call()
    {
        var card = Card(Renderer().Render(SampleReplies.Guidance(helplines: [new Helpline("Insurer legal line", "0100 000 0000", "9-5")])));

        Assert.DoesNotContain("Call your insurer's legal helpline.", Texts(card));
        var facts = Walk(card).OfType<JsonObject>().First(o => o["type"]?.GetValue<string>() == "FactSet");
        Assert.Equal("Insurer legal line", facts["facts"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("0100 000 0000 (9-5)", facts["facts"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Helplines_carry_their_policy_number_hint_under_a_who_to_call_heading_as_on_every_other_surface()
    {
        var helpline = new Helpline("Insurer legal line", "0100 000 0000", null) { PolicyNumberHint = "on your schedule" };
        var card = Card(Renderer().Render(SampleReplies.Guidance(helplines: [helpline])));

        var whoToCall = Walk(card).OfType<JsonObject>().Single(o => o["id"]?.GetValue<string>() == "ng-whotocall");
        Assert.Equal("Who to call", Texts(whoToCall)[0]);
        var facts = Walk(whoToCall).OfType<JsonObject>().Where(o => o["type"]?.GetValue<string>() == "FactSet").SelectMany(f => f["facts"]!.AsArray()).ToList();
        Assert.Equal("0100 000 0000 policy number: on your schedule", facts[0]!["value"]!.GetValue<string>());
        Assert.Equal(("Supervisor", "Sam Supervisor"), (facts[1]!["title"]!.GetValue<string>(), facts[1]!["value"]!.GetValue<string>()));
    }

    [Fact]
    public void A_card_too_big_for_Teams_is_sent_as_its_plain_text_instead_of_being_refused()
    {
        var huge = SampleReplies.Guidance();
        var steps = Enumerable.Range(1, 200).Select(i => new AdviceStep("log-request", $"Step {i}: " + new string('x', 150), [])).ToList();
        huge = huge with { Advice = huge.Advice with { Steps = steps } };

        var activity = Renderer().Render(huge);

        Assert.Null(activity.Attachments);
        Assert.StartsWith("Do not send notes yet", activity.Text, StringComparison.Ordinal);
        Assert.Contains("Step 1: x", activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_stays_plain_and_welcome_or_help_become_cards()
    {
        var plain = Renderer().Render(new TextReply("Cancelled.", TextKind.Notice));
        var help = Renderer().Render(new TextReply("Line one\n• why — why it matters", TextKind.Help, "How this works"));

        Assert.Null(plain.Attachments);
        Assert.Equal(("Cancelled.", "plain"), (plain.Text, plain.TextFormat));
        Assert.Contains("How this works", Texts(Card(help)));
        Assert.Contains("• why — why it matters", Texts(Card(help)));
    }
}
