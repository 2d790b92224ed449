using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NotesGuard.Bot.WebChat;
using NotesGuard.Cli.Rendering;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;
using NotesGuard.Slack.Rendering;
using NotesGuard.Teams;
using NotesGuard.Teams.Cards;
using Spectre.Console;

namespace NotesGuard.Bot.Tests.Cards;

/// <summary>
/// Every distinct guidance card the shipped rulebook can produce, with and without the practice's helplines, alone
/// and in a group, rendered on every surface: Teams (Adaptive Card JSON), Slack (Block Kit JSON), the web chat (the
/// JSON the page draws) and the CLI (its text). Each surface must show the card model's sections in the model's
/// order with the model's words, so a drift in any renderer (a dropped hint, a reworded label, a moved section)
/// fails here.
/// </summary>
public sealed partial class CardsReadTheSameEverywhereTests
{
    private static readonly IReadOnlyList<ReplyButton> Actions =
        [new("Start a new case", "new", ButtonStyle.Primary), new("Share with my supervisor", "share")];

    public static TheoryData<string, string?> Settings => new()
    {
        { "no practice settings", null },
        { "no practice settings", "Alex Wilber" },
        { "helplines, hint and supervisor", null },
        { "helplines, hint and supervisor", "Alex Wilber" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Every_guidance_card_reads_the_same_on_every_surface(string settings, string? owner)
    {
        var cards = DistinctCards(Practice(settings));
        Assert.True(cards.Count >= 10, $"only {cards.Count} distinct cards");
        foreach (var advice in cards)
        {
            AssertSameEverywhere(new GuidanceCardReply("case-1", advice, Actions, OwnerName: owner));
        }
    }

    [Fact]
    public void A_card_without_a_helpline_step_shows_the_rulebooks_instruction_under_who_to_call_everywhere()
    {
        var advice = DistinctCards(Practice("no practice settings"))[0];
        var withoutStep = advice with { Steps = [.. advice.Steps.Where(s => s.Code != AdviceContract.HelplineStep)] };
        var reply = new GuidanceCardReply("case-1", withoutStep, Actions);

        Assert.Equal([advice.HelplineInstruction], GuidanceCardModel.Build(reply).Section(CardSectionKind.WhoToCall)!.Lines.Select(l => l.Text));
        AssertSameEverywhere(reply);
    }

    [Fact]
    public void A_case_shared_with_a_group_shows_the_banner_then_its_answers_then_the_guidance_everywhere()
    {
        var advice = DistinctCards(Practice("helplines, hint and supervisor"))[0];
        var reply = new GuidanceCardReply("shared-1", advice, [], OwnerName: "Alex")
        {
            SharedAnswers = [new("Who is asking for the notes?", "The police"), new("Is there a court order?", "No")],
        };
        var card = GuidanceCardModel.Build(reply);

        Assert.Equal([CardSectionKind.Banner, CardSectionKind.SharedAnswers], card.Sections.Take(2).Select(s => s.Kind));
        Assert.Equal(
            [CardWords.SharedAnswers, "Who is asking for the notes?: The police", "Is there a court order?: No"],
            card.Section(CardSectionKind.SharedAnswers)!.Words);
        AssertSameEverywhere(reply);
    }

    [Fact]
    public void The_policy_number_hint_and_owner_banner_are_worded_once_for_every_surface()
    {
        var reply = new GuidanceCardReply("case-1", DistinctCards(Practice("helplines, hint and supervisor"))[0], Actions, OwnerName: "Alex");
        var card = GuidanceCardModel.Build(reply);

        Assert.Equal(CardSectionKind.Banner, card.Sections[0].Kind);
        Assert.Equal("Alex's case", card.Sections[0].Lines[0].Text);
        Assert.Equal(
            ["Example Insurer legal helpline: 01632 960 001 (Mon-Fri 9:00-17:00); policy number: on your insurance schedule", "Supervisor: Dr Example"],
            card.Section(CardSectionKind.WhoToCall)!.Lines.Select(l => l.Words));
        Assert.DoesNotContain(reply.Advice.HelplineInstruction!, card.Section(CardSectionKind.WhoToCall)!.Words);
        AssertSameEverywhere(reply);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Alex Wilber", "I did not recognise that. Choose one of the answers below.")]
    public void Every_question_answered_question_and_the_review_read_the_same_on_every_surface(string? owner, string? notice)
    {
        var advisor = Advisor.Create(new PracticeSettings());
        IReadOnlyList<ReplyButton> navigation = [new("Back", "back"), new("Restart", "restart")];
        foreach (var (question, number) in advisor.Questions.Select((q, i) => (q, i + 1)))
        {
            var choices = question.Choices.Select(c => new ReplyButton(c.Title, $"answer|{question.Id}|{c.Value}")).ToList();
            AssertSameEverywhere(new QuestionReply("case-1", question.Id, question.Text, question.Why, choices, navigation, number, 8, owner, notice));
        }

        foreach (var question in advisor.Questions)
        {
            AssertSameEverywhere(new AnsweredQuestionReply("case-1", question.Id, question.Text, question.Choices[^1].Title, owner, ReplacesClickedMessage: true));
        }

        var items = advisor.Questions.Select(q => new ReviewItem(q.Id, q.Text, q.Choices[0].Title, new ReplyButton("Change", $"change|{q.Id}"))).ToList();
        AssertSameEverywhere(new ReviewReply("case-1", items, new ReplyButton("Show the guidance", "show", ButtonStyle.Primary), navigation, owner));
    }

    [Fact]
    public void The_documents_card_reads_the_same_in_Teams_Slack_and_the_web_chat()
    {
        var documents = new[]
        {
            ("reply", "Reply: I will not release the notes", "Thank you for your request of [Date of the request], which I understand comes from someone <!here> & co …"),
            ("request-log", "Request log", "Kept by [Your name], [Practice name]."),
        };
        var offers = documents.Select((d, i) => new DocumentOffer(
            d.Item1, d.Item2, d.Item3, $"https://notesguard.example.org/letters/token{i}", $"https://notesguard.example.org/letters/token{i}?format=text",
            new ReplyButton(CardWords.ReadHere, $"letters|read|token{i}"))
        {
            // Slack's offers carry the upload button too.
            SendFile = i == 0 ? new ReplyButton(CardWords.SendFile, $"letters|file|token{i}") : null,
        }).ToList();

        AssertSameEverywhere(new DocumentsReply(offers, 10));
    }

    private static Card Model(Reply reply) => reply switch
    {
        DocumentsReply d => DocumentsCardModel.Build(d),
        GuidanceCardReply g => GuidanceCardModel.Build(g),
        QuestionReply q => QuestionCardModel.Build(q),
        ReviewReply r => ReviewCardModel.Build(r),
        AnsweredQuestionReply a => AnsweredCardModel.Build(a),
        _ => throw new ArgumentException("not a card", nameof(reply)),
    };

    /// <summary>
    /// What a section must show: its heading and each line's words, and a line's button title where the button is
    /// not the line itself (an answer's "Change"; a choice is its button).
    /// </summary>
    private static string Expected(CardSection section) => Normalise(string.Join(" ", [
        .. section.Label is null ? [] : new[] { section.Label },
        .. section.Lines.Select(l => l.Button is { } b && b.Title != l.Text ? $"{l.Words} {b.Title}" : l.Words),
    ]));

    private static void AssertSameEverywhere(Reply reply)
    {
        var card = Model(reply);
        var expected = card.Sections.Select(s => (s.Kind, Expected(s))).ToList();
        var titles = card.Actions.Select(a => a.Title).ToList();

        Assert.Equal(expected, Teams(reply, out var teamsActions));
        Assert.Equal(titles, teamsActions);
        // Slack tags blocks by section kind only, so two documents in a row read back as one run of document blocks.
        Assert.Equal(MergeRuns(expected), Slack(reply, out var slackActions));
        Assert.Equal(titles, slackActions);
        Assert.Equal(expected, WebChat(reply, out var webActions));
        Assert.Equal(titles, webActions);

        // The CLI (notesguard ask) has no section ids: each heading and each line is one line of text, in the model's
        // order. It numbers choices and answers so they can be typed; the numbers are its styling, not words. A
        // question's reason stays folded until someone types "why", as the chats fold it. A case shared with a group
        // is never shown there (the CLI has no groups), so its answers section is compared on the chat surfaces only.
        if (reply is GuidanceCardReply { SharedAnswers.Count: > 0 })
        {
            return;
        }

        // The terminal has no links: it lists the documents with "write N" and "read N" itself (AskTests).
        if (reply is DocumentsReply)
        {
            return;
        }

        var cli = Cli(reply);
        if (reply is not GuidanceCardReply)
        {
            cli = [.. cli.Select(l => CliPosition().Replace(l, ""))];
        }

        Assert.Equal(card.Sections.Where(s => s.Kind != CardSectionKind.Why).SelectMany(s => s.Words).Select(Normalise), cli);
    }

    private static List<(CardSectionKind, string)> Teams(Reply reply, out List<string> actions)
    {
        var buttons = new CardButtons(Options.Create(new TeamsOptions()));
        var json = reply switch
        {
            GuidanceCardReply g => new GuidanceCard(buttons).Render(g),
            QuestionReply q => new QuestionCard(buttons).Render(q),
            ReviewReply r => new ReviewCard(buttons).Render(r),
            AnsweredQuestionReply a => AnsweredCard.Render(a),
            DocumentsReply d => new DocumentsCard(buttons).Render(d),
            _ => throw new ArgumentException("not a card", nameof(reply)),
        };
        var parsed = JsonNode.Parse(json.ToJsonString())!;
        actions = [.. (parsed["actions"]?.AsArray() ?? []).Select(a => a!["title"]!.GetValue<string>())];
        return [.. parsed["body"]!.AsArray().Select(element =>
            (KindFrom(NumberedId().Replace(element!["id"]!.GetValue<string>()[3..], "")), Normalise(string.Join(" ", AdaptiveTexts(element)))))];
    }

    /// <summary>What Teams shows of an element, in document order: TextBlocks (markdown read back to words), facts, action titles.</summary>
    private static IEnumerable<string> AdaptiveTexts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o when o["type"]?.GetValue<string>() == "TextBlock":
                yield return FromMarkdown(o["text"]!.GetValue<string>());
                break;
            case JsonObject o when o["type"]?.GetValue<string>() == "FactSet":
                foreach (var fact in o["facts"]!.AsArray())
                {
                    yield return $"{FromMarkdown(fact!["title"]!.GetValue<string>())}: {FromMarkdown(fact["value"]!.GetValue<string>())}";
                }

                break;
            case JsonObject o when o["type"]?.GetValue<string>() is "Action.OpenUrl" or "Action.ToggleVisibility" or "Action.Submit" or "Action.Execute":
                yield return o["title"]!.GetValue<string>();
                break;
            case JsonObject o:
                foreach (var child in new[] { o["items"], o["actions"], o["columns"] }.OfType<JsonArray>().SelectMany(a => a))
                {
                    foreach (var text in AdaptiveTexts(child))
                    {
                        yield return text;
                    }
                }

                break;
        }
    }

    private static string FromMarkdown(string markdown)
    {
        var text = UnescapedBold().Replace(markdown, "");
        text = MarkdownLink().Replace(text, "$1");
        return Escaped().Replace(text, "$1");
    }

    private static List<(CardSectionKind, string)> Slack(Reply reply, out List<string> actions)
    {
        var blocks = new BlockKitRenderer().Render(reply)
            .SelectMany(m => JsonNode.Parse(m.Blocks.ToJsonString())!.AsArray())
            .Select(b => b!.AsObject())
            .ToList();
        actions = [];
        var sections = new List<(CardSectionKind Kind, List<string> Texts)>();
        foreach (var block in blocks)
        {
            var id = block["block_id"]!.GetValue<string>();
            var type = block["type"]!.GetValue<string>();
            var buttons = type == "actions" ? block["elements"]!.AsArray().Select(e => e!.AsObject()).ToList() : [];
            if (UntaggedBlock().IsMatch(id))
            {
                // Untagged: the card's own buttons.
                actions.AddRange(buttons.Select(ButtonText));
                continue;
            }

            var kind = KindFrom(id[3..id.LastIndexOf('-')]);
            if (sections.Count == 0 || sections[^1].Kind != kind)
            {
                sections.Add((kind, []));
            }

            var texts = sections[^1].Texts;
            switch (type)
            {
                case "actions" when kind == CardSectionKind.Why:
                    // Slack cannot fold text: the reason rides on the "why" button, ahead of the card's own buttons.
                    texts.Add(ButtonText(buttons[0]));
                    texts.Add(buttons[0]["value"]!.GetValue<string>());
                    actions.AddRange(buttons.Skip(1).Select(ButtonText));
                    break;
                case "actions":
                    texts.AddRange(buttons.Select(ButtonText));
                    break;
                case "context":
                    texts.AddRange(block["elements"]!.AsArray().Select(e => FromMrkdwn(e!["text"]!.GetValue<string>())));
                    break;
                default:
                    texts.Add(FromMrkdwn(block["text"]!["text"]!.GetValue<string>()));
                    if (block["accessory"] is JsonObject accessory)
                    {
                        texts.Add(ButtonText(accessory));
                    }

                    break;
            }
        }

        return [.. sections.Select(s => (s.Kind, Normalise(string.Join(" ", s.Texts))))];
    }

    private static string ButtonText(JsonObject button) => button["text"]!["text"]!.GetValue<string>();

    /// <summary>Slack mrkdwn back to words: links to their titles, bold markers dropped, the three escapes undone.</summary>
    private static string FromMrkdwn(string mrkdwn) =>
        SlackLink().Replace(mrkdwn, "$1").Replace("*", "", StringComparison.Ordinal)
            .Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    private static List<(CardSectionKind, string)> WebChat(Reply reply, out List<string> actions)
    {
        // Through the same serializer the endpoint uses, so this is the JSON the page receives.
        var json = JsonSerializer.Serialize(new WebChatTurnResponse([WebChatReplyMapper.Map(reply)], false), WebChatJsonContext.Default.WebChatTurnResponse);
        var guidance = JsonNode.Parse(json)!["replies"]![0]!;
        // A question's "buttons" are its choices (drawn from the card's choices section); its own buttons are "navigation".
        var own = reply is QuestionReply ? [] : guidance["buttons"]?.AsArray().ToList() ?? [];
        actions = [.. own.Concat(guidance["navigation"]?.AsArray() ?? []).Select(b => b!["title"]!.GetValue<string>())];
        return [.. guidance["card"]!["sections"]!.AsArray().Select(section =>
        {
            // As app.js draws it: the heading, then per line the number (the list's own), "Term: ", the text (unless the
            // line is its button, as a choice is), the detail, the button.
            var words = new List<string>();
            if (section!["label"] is { } label)
            {
                words.Add(label.GetValue<string>());
            }

            foreach (var line in section["lines"]!.AsArray())
            {
                if (line!["number"] is { } number)
                {
                    words.Add($"{number.GetValue<int>()}.");
                }

                if (line["term"] is { } term)
                {
                    words.Add(term.GetValue<string>() + ":");
                }

                var text = line["text"]!.GetValue<string>();
                var button = line["button"]?["title"]?.GetValue<string>();
                if (button != text)
                {
                    words.Add(text);
                }

                if (line["detail"] is { } detail)
                {
                    words.Add(detail.GetValue<string>());
                }

                if (button is not null)
                {
                    words.Add(button);
                }
            }

            return (KindFrom(section["kind"]!.GetValue<string>()), Normalise(string.Join(" ", words)));
        })];
    }

    private static List<string> Cli(Reply reply)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 100_000;
        new GuidanceView(console).Show(reply);
        return [.. output.ToString().Split('\n')
            .Select(l => Normalise(CliLinkTarget().Replace(l, "")))
            .Where(l => l.Length > 0)];
    }

    private static List<(CardSectionKind, string)> MergeRuns(List<(CardSectionKind Kind, string Text)> sections)
    {
        var merged = new List<(CardSectionKind Kind, string Text)>();
        foreach (var section in sections)
        {
            if (merged.Count > 0 && merged[^1].Kind == section.Kind)
            {
                merged[^1] = (section.Kind, merged[^1].Text + " " + section.Text);
            }
            else
            {
                merged.Add(section);
            }
        }

        return merged;
    }

    private static CardSectionKind KindFrom(string name) => Enum.Parse<CardSectionKind>(name, ignoreCase: true);

    /// <summary>Bullets and spacing are styling; the words and their order are what must match.</summary>
    private static string Normalise(string text) => Whitespace().Replace(text.Replace("•", " ", StringComparison.Ordinal), " ").Trim();

    private static PracticeSettings Practice(string settings) => settings switch
    {
        "no practice settings" => new PracticeSettings(),
        _ => new PracticeSettings
        {
            PracticeName = "Riverside Counselling",
            InsurerHelplines =
            [
                new HelplineSetting
                {
                    Name = "Example Insurer legal helpline", Phone = "01632 960 001", Hours = "Mon-Fri 9:00-17:00",
                    PolicyNumberHint = "on your insurance schedule",
                },
            ],
            SupervisorContact = "Dr Example",
        },
    };

    /// <summary>Every card the rulebook can give, once each (many walkthroughs end on the same card).</summary>
    private static List<Advice> DistinctCards(PracticeSettings settings)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. Advisor.Create(settings).Walkthroughs().Select(w => w.Advice).Where(a => seen.Add(JsonSerializer.Serialize(a)))];
    }

    [GeneratedRegex(@"(?<!\\)\*\*")]
    private static partial Regex UnescapedBold();

    [GeneratedRegex(@"\[((?:\\.|[^\]\\])*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex Escaped();

    [GeneratedRegex(@"<(?:https?://[^|>]*)\|([^>]*)>")]
    private static partial Regex SlackLink();

    [GeneratedRegex(@" <https?://[^>]*>")]
    private static partial Regex CliLinkTarget();

    [GeneratedRegex(@"^\d+\. ")]
    private static partial Regex CliPosition();

    [GeneratedRegex(@"^ng-b\d+$")]
    private static partial Regex UntaggedBlock();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>"-2" at the end of a Teams element id: sections that repeat (documents) are numbered to keep ids unique.</summary>
    [GeneratedRegex(@"-\d+$")]
    private static partial Regex NumberedId();
}
