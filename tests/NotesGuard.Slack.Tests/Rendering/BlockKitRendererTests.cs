using System.Text.Json.Nodes;
using NotesGuard.Conversations.Replies;
using NotesGuard.Slack.Rendering;
using NotesGuard.Slack.Tests.Fakes;

namespace NotesGuard.Slack.Tests.Rendering;

public sealed class BlockKitRendererTests
{
    private readonly BlockKitRenderer _renderer = new();

    [Fact]
    public void A_question_shows_its_text_progress_and_one_button_per_choice_carrying_the_engine_value()
    {
        var question = SampleReplies.Question();

        var message = Assert.Single(_renderer.Render(question));

        Assert.Equal(question.Text, message.Text);
        var buttons = Buttons(message.Blocks);
        foreach (var choice in question.Choices)
        {
            Assert.Contains(buttons, b => b["value"]!.GetValue<string>() == choice.Value && b["text"]!["text"]!.GetValue<string>() == choice.Title);
        }

        Assert.Contains("Question 3 of about 6", message.Blocks.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(buttons, b => b["action_id"]!.GetValue<string>().StartsWith(SlackActionIds.Why, StringComparison.Ordinal));
    }

    [Fact]
    public void A_huge_guidance_card_is_split_into_messages_that_each_respect_every_limit()
    {
        var card = SampleReplies.Card(SampleReplies.Advice(steps: 80, stepLength: 4500, headline: new string('H', 400)));

        var messages = _renderer.Render(card);

        Assert.True(messages.Count > 1, "a card this long must be split");
        foreach (var message in messages)
        {
            AssertWithinLimits(message);
        }

        var all = string.Concat(messages.Select(m => m.Blocks.ToJsonString()));
        Assert.Contains("Step 80:", all, StringComparison.Ordinal);
        Assert.Contains("Practice guidance, not legal advice.", all, StringComparison.Ordinal);
        Assert.Contains("ng1|c|case-1|tag|new||", messages[^1].Blocks.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_with_more_choices_than_an_actions_block_holds_gets_several_actions_blocks()
    {
        var message = Assert.Single(_renderer.Render(SampleReplies.Question(choices: 60)));

        AssertWithinLimits(message);
        Assert.Equal(60 + 3, Buttons(message.Blocks).Count);
    }

    [Fact]
    public void The_card_shows_headline_verdict_steps_sources_links_helplines_supervisor_and_disclaimer()
    {
        var message = Assert.Single(_renderer.Render(SampleReplies.Card()));
        var json = message.Blocks.ToJsonString();

        // The card model's order: the practice's name, then the headline (a header block), then the verdict.
        Assert.Equal("context", message.Blocks[0]!["type"]!.GetValue<string>());
        Assert.StartsWith("ng-practice-", message.Blocks[0]!["block_id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("header", message.Blocks[1]!["type"]!.GetValue<string>());
        Assert.Contains("Do not send notes yet", json, StringComparison.Ordinal);
        Assert.Contains($"*{SampleReplies.NoVerdictLabel}*", MrkdwnTexts(message.Blocks));
        Assert.DoesNotContain("Hand over notes:", json, StringComparison.Ordinal);
        Assert.Contains("Step 6:", json, StringComparison.Ordinal);
        Assert.Contains("CPS guidance", json, StringComparison.Ordinal);
        Assert.Contains("0100 000 0000", json, StringComparison.Ordinal);
        Assert.Contains("Dr Supervisor", json, StringComparison.Ordinal);
        Assert.Contains("Practice guidance, not legal advice.", json, StringComparison.Ordinal);
        Assert.Contains("Rulebook 2026.2", json, StringComparison.Ordinal);
        Assert.Equal("Do not send notes yet: ask for the request in writing.", message.Text);
    }

    [Fact]
    public void The_do_now_steps_come_first_under_their_own_heading_and_the_sources_once_at_the_end()
    {
        var message = Assert.Single(_renderer.Render(SampleReplies.Card()));
        var texts = MrkdwnTexts(message.Blocks).ToList();

        var doNow = texts.IndexOf("*Do now*");
        var then = texts.IndexOf("*Then*");
        Assert.True(doNow > 0 && then > doNow, string.Join(" | ", texts));
        Assert.StartsWith("1. Step 1:", texts[doNow + 1], StringComparison.Ordinal);
        Assert.StartsWith("3. Step 3:", texts[doNow + 3], StringComparison.Ordinal);
        Assert.StartsWith("4. Step 4:", texts[then + 1], StringComparison.Ordinal);
        Assert.DoesNotContain(texts.Take(doNow), t => t.Contains("Step ", StringComparison.Ordinal));

        // Sources once, in a context block before the footer (the card model's order), each with the steps citing it.
        Assert.DoesNotContain(texts, t => t.StartsWith("Source:", StringComparison.Ordinal));
        Assert.Single(texts, t => t.Contains("CPS guidance", StringComparison.Ordinal) && !t.Contains("pre-trial therapy guidance", StringComparison.Ordinal));
        var contexts = message.Blocks.OfType<JsonObject>().Where(b => b["type"]!.GetValue<string>() == "context").ToList();
        Assert.Contains("<https://www.cps.gov.uk/|CPS guidance> — Pre-trial therapy, 2022 (step 1, 2, 3, 4, 5, 6)", MrkdwnTexts(contexts[^2]));
        Assert.Contains("Rulebook 2026.2", MrkdwnTexts(contexts[^1]));
        Assert.Equal("actions", message.Blocks[^1]!["type"]!.GetValue<string>());

        // The helpline step says to call; "Who to call" lists only the practice's numbers and supervisor.
        Assert.DoesNotContain(texts, t => t.Contains("Call your insurer's legal helpline", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("*Who to call*\n• *Insurer legal helpline:* 0100 000 0000", StringComparison.Ordinal));
    }

    [Fact]
    public void Links_are_real_links_with_ampersands_escaped()
    {
        var texts = MrkdwnTexts(Assert.Single(_renderer.Render(SampleReplies.Card())).Blocks).ToList();

        Assert.Contains(texts, t => t.Contains("<https://www.cps.gov.uk/legal-guidance/pre-trial-therapy?a=1&amp;b=2|CPS pre-trial therapy guidance>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<!channel> look")]
    [InlineData("<!here>")]
    [InlineData("<@U123ADMIN>")]
    [InlineData("<https://evil.example|click me>")]
    public void Text_from_outside_can_never_become_a_mention_or_a_link(string hostile)
    {
        var replies = new Reply[]
        {
            SampleReplies.Question(text: hostile, owner: hostile),
            new TextReply(hostile, Title: hostile),
            new AnsweredQuestionReply("case-1", "courtOrder", hostile, hostile, hostile, true),
            SampleReplies.Card(owner: hostile),
        };

        foreach (var reply in replies)
        {
            foreach (var message in _renderer.Render(reply))
            {
                // The fallback text is parsed as mrkdwn by Slack and shown in notifications.
                Assert.DoesNotContain("<!", message.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("<@", message.Text, StringComparison.Ordinal);
                foreach (var text in MrkdwnTexts(message.Blocks))
                {
                    Assert.DoesNotContain("<!", text, StringComparison.Ordinal);
                    Assert.DoesNotContain("<@", text, StringComparison.Ordinal);
                    Assert.DoesNotContain("<https://evil", text, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Escaping_turns_slack_control_characters_into_entities()
    {
        Assert.Equal("&lt;!channel&gt; &amp; co", Mrkdwn.Escape("<!channel> & co"));
    }

    [Fact]
    public void Long_section_text_is_split_at_line_breaks_without_losing_anything()
    {
        var text = string.Join('\n', Enumerable.Range(1, 400).Select(i => $"line {i} with some words"));

        var parts = Blocks.SplitText(text, BlockKitLimits.SectionText).ToList();

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.Length <= BlockKitLimits.SectionText));
        Assert.Equal(text, string.Join('\n', parts));
    }

    [Fact]
    public void An_answered_question_has_no_buttons_left_to_click()
    {
        var message = _renderer.RenderAnswered(new AnsweredQuestionReply("case-1", "courtOrder", "Is there a court order?", "No", "sam", true));

        Assert.Empty(Buttons(message.Blocks));
        Assert.Contains("No", message.Blocks.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Answered by sam", message.Blocks.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_review_lists_every_answer_with_a_change_button_and_a_confirm_button()
    {
        var review = SampleReplies.Review(items: 8);

        var message = Assert.Single(_renderer.Render(review));

        AssertWithinLimits(message);
        var values = Buttons(message.Blocks).Select(b => b["value"]!.GetValue<string>()).ToList();
        Assert.All(review.Items, item => Assert.Contains(item.Change.Value, values));
        Assert.Contains(review.Confirm.Value, values);
    }

    internal static void AssertWithinLimits(SlackMessage message)
    {
        Assert.InRange(message.Blocks.Count, 1, BlockKitLimits.MessageBlocks);
        Assert.False(string.IsNullOrWhiteSpace(message.Text));
        var blockIds = new HashSet<string>();
        var actionIds = new HashSet<string>();
        foreach (var block in message.Blocks.Select(b => b!.AsObject()))
        {
            var blockId = block["block_id"]?.GetValue<string>();
            Assert.NotNull(blockId);
            Assert.True(blockIds.Add(blockId), $"duplicate block_id {blockId}");
            Assert.InRange(blockId.Length, 1, BlockKitLimits.Id);
            switch (block["type"]!.GetValue<string>())
            {
                case "header":
                    Assert.InRange(block["text"]!["text"]!.GetValue<string>().Length, 1, BlockKitLimits.HeaderText);
                    break;
                case "section":
                    Assert.InRange(block["text"]!["text"]!.GetValue<string>().Length, 1, BlockKitLimits.SectionText);
                    break;
                case "actions":
                    Assert.InRange(block["elements"]!.AsArray().Count, 1, BlockKitLimits.ActionsElements);
                    break;
                case "context":
                    Assert.InRange(block["elements"]!.AsArray().Count, 1, BlockKitLimits.ContextElements);
                    break;
            }
        }

        foreach (var button in Buttons(message.Blocks))
        {
            Assert.InRange(button["text"]!["text"]!.GetValue<string>().Length, 1, BlockKitLimits.ButtonText);
            Assert.True(actionIds.Add(button["action_id"]!.GetValue<string>()), "duplicate action_id");
        }
    }

    internal static List<JsonObject> Buttons(JsonArray blocks) =>
    [
        .. blocks.Select(b => b!.AsObject()).SelectMany(b =>
            b["type"]!.GetValue<string>() == "actions"
                ? b["elements"]!.AsArray().Select(e => e!.AsObject())
                : b["accessory"] is JsonObject accessory ? [accessory] : []),
    ];

    private static IEnumerable<string> MrkdwnTexts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"]?.GetValue<string>() is "mrkdwn" && obj["text"] is JsonValue text)
                {
                    yield return text.GetValue<string>();
                }

                foreach (var (_, child) in obj)
                {
                    foreach (var inner in MrkdwnTexts(child))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var inner in MrkdwnTexts(child))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
