using System.Text;
using System.Text.Json.Nodes;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;

namespace NotesGuard.Slack.Rendering;

/// <summary>
/// Renders the channel-neutral reply model as Block Kit messages. Every string from outside (rulebook wording,
/// names, anything typed) is escaped; each message stays within Slack's limits, and a card too long for one
/// message is split across several rather than refused.
/// </summary>
public sealed class BlockKitRenderer
{
    /// <summary>One reply as one or more messages, in the order to post them.</summary>
    public IReadOnlyList<SlackMessage> Render(Reply reply) => reply switch
    {
        QuestionReply question => RenderQuestion(question),
        AnsweredQuestionReply answered => [RenderAnswered(answered)],
        ReviewReply review => RenderReview(review),
        GuidanceCardReply card => RenderCard(card),
        TextReply text => RenderText(text),
        _ => [new SlackMessage("NotesGuard", [.. Blocks.Sections(Mrkdwn.Escape("NotesGuard has a reply this Slack app cannot show yet."))])],
    };

    public IReadOnlyList<SlackMessage> RenderQuestion(QuestionReply question)
    {
        var ids = new IdCounter();
        var blocks = new List<JsonObject>();
        var progress = question.ProgressText;
        if (!string.IsNullOrWhiteSpace(question.OwnerName))
        {
            progress += $" · case of {question.OwnerName}";
        }

        blocks.AddRange(Blocks.Contexts([Mrkdwn.Escape(progress)]));
        if (!string.IsNullOrWhiteSpace(question.Notice))
        {
            blocks.AddRange(Blocks.Sections(Mrkdwn.Escape(question.Notice)));
        }

        blocks.AddRange(Blocks.Sections(Mrkdwn.Bold(question.Text)));
        blocks.AddRange(Blocks.Actions(question.Choices.Select(c => EngineButton(c, ids))));

        var navigation = question.Navigation.Select(b => EngineButton(b, ids)).ToList();
        if (!string.IsNullOrWhiteSpace(question.Why) && !question.Navigation.Any(IsWhyButton))
        {
            navigation.Insert(0, Blocks.Button(
                "Why am I asked this?",
                SlackActionIds.Numbered(SlackActionIds.Why, ids.Next()),
                Blocks.Shorten(question.Why, BlockKitLimits.ButtonValue)));
        }

        blocks.AddRange(Blocks.Actions(navigation));
        return Split(question.Text, blocks);
    }

    /// <summary>The rulebook's reason for a question, for the person who clicked "why?".</summary>
    public SlackMessage RenderWhy(string why) => Split(why, [.. Blocks.Sections(Mrkdwn.Escape(why))])[0];

    public SlackMessage RenderAnswered(AnsweredQuestionReply answered)
    {
        var blocks = new List<JsonObject>();
        blocks.AddRange(Blocks.Sections($"{Mrkdwn.Escape(answered.Text)}\n*{Mrkdwn.Escape("✓ " + answered.AnswerTitle)}*"));
        if (!string.IsNullOrWhiteSpace(answered.AnsweredBy))
        {
            blocks.AddRange(Blocks.Contexts([Mrkdwn.Escape($"Answered by {answered.AnsweredBy}")]));
        }

        return Split($"{answered.Text} {answered.AnswerTitle}", blocks)[0];
    }

    public IReadOnlyList<SlackMessage> RenderReview(ReviewReply review)
    {
        var ids = new IdCounter();
        var blocks = new List<JsonObject> { Blocks.Header("Check your answers") };
        if (!string.IsNullOrWhiteSpace(review.OwnerName))
        {
            blocks.AddRange(Blocks.Contexts([Mrkdwn.Escape($"Case of {review.OwnerName}")]));
        }

        foreach (var item in review.Items)
        {
            blocks.Add(Blocks.SectionWithButton(ReviewItemText(item), EngineButton(item.Change, ids)));
        }

        blocks.AddRange(Blocks.Actions([EngineButton(review.Confirm, ids, "primary"), .. review.Navigation.Select(b => EngineButton(b, ids))]));
        return Split("Check your answers before the guidance", blocks);
    }

    public IReadOnlyList<SlackMessage> RenderText(TextReply text)
    {
        var ids = new IdCounter();
        var blocks = new List<JsonObject>();
        if (!string.IsNullOrWhiteSpace(text.Title))
        {
            blocks.Add(Blocks.Header(text.Title));
        }

        blocks.AddRange(Blocks.Sections(Mrkdwn.Escape(text.Text)));
        blocks.AddRange(Blocks.Actions(text.Buttons.Select(b => EngineButton(b, ids))));
        return Split(string.IsNullOrWhiteSpace(text.Title) ? text.Text : $"{text.Title}: {text.Text}", blocks);
    }

    public IReadOnlyList<SlackMessage> RenderCard(GuidanceCardReply card)
    {
        var advice = card.Advice;
        var ids = new IdCounter();
        var blocks = new List<JsonObject>();

        var headerTooLong = advice.Headline.Length > BlockKitLimits.HeaderText;
        blocks.Add(Blocks.Header(headerTooLong ? "Guidance" : advice.Headline));
        if (headerTooLong)
        {
            blocks.AddRange(Blocks.Sections(Mrkdwn.Bold(advice.Headline)));
        }

        var forWhom = new List<string>();
        var practice = card.PracticeName ?? advice.PracticeName;
        if (!string.IsNullOrWhiteSpace(practice))
        {
            forWhom.Add(Mrkdwn.Escape(practice));
        }

        if (!string.IsNullOrWhiteSpace(card.OwnerName))
        {
            forWhom.Add(Mrkdwn.Escape($"Case of {card.OwnerName}"));
        }

        blocks.AddRange(Blocks.Contexts(forWhom));
        blocks.AddRange(Blocks.Sections($"*Hand over notes:* {Mrkdwn.Escape(VerdictLabel(advice.HandOverNotes))}"));
        blocks.Add(Blocks.Divider());

        blocks.AddRange(Blocks.Sections("*What to do*"));
        var number = 0;
        foreach (var step in advice.Steps)
        {
            number++;
            blocks.AddRange(Blocks.Sections($"{number}. {Mrkdwn.Escape(step.Text)}"));
            var sources = step.Sources.Select(id => SourceTitle(advice, id)).ToList();
            if (sources.Count > 0)
            {
                blocks.AddRange(Blocks.Contexts([Mrkdwn.Escape("Source: " + string.Join("; ", sources))]));
            }
        }

        if (advice.Sources.Count > 0)
        {
            blocks.Add(Blocks.Divider());
            blocks.AddRange(Blocks.Sections("*Sources*\n" + string.Join("\n", advice.Sources.Select(SourceLine))));
        }

        if (advice.Links.Count > 0)
        {
            blocks.AddRange(Blocks.Sections("*Read more*\n" + string.Join("\n", advice.Links.Select(l => "• " + Mrkdwn.Link(l.Url, l.Title)))));
        }

        blocks.AddRange(Blocks.Sections("*Who to call*\n" + HelplinesText(advice, card.SupervisorContact ?? advice.SupervisorContact)));
        blocks.AddRange(Blocks.Contexts([Mrkdwn.Escape(advice.Disclaimer), Mrkdwn.Escape($"Rulebook {advice.RulebookVersion}")]));
        blocks.AddRange(Blocks.Actions(card.Actions.Select(b => EngineButton(b, ids))));
        return Split(advice.Headline, blocks);
    }

    /// <summary>Helplines for a card or App Home: the practice's own, after the rulebook's instruction.</summary>
    public static string HelplinesText(Advice advice, string? supervisorContact)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(advice.HelplineInstruction))
        {
            text.Append(Mrkdwn.Escape(advice.HelplineInstruction)).Append('\n');
        }

        foreach (var helpline in advice.Helplines)
        {
            text.Append("• ").Append(HelplineLine(helpline.Name, helpline.Phone, helpline.Hours, helpline.PolicyNumberHint)).Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(supervisorContact))
        {
            text.Append("• Supervisor: ").Append(Mrkdwn.Escape(supervisorContact)).Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    public static string HelplineLine(string name, string phone, string? hours, string? policyNumberHint)
    {
        var line = $"*{Mrkdwn.Escape(name)}*: {Mrkdwn.Escape(phone)}";
        if (!string.IsNullOrWhiteSpace(hours))
        {
            line += $" ({Mrkdwn.Escape(hours)})";
        }

        if (!string.IsNullOrWhiteSpace(policyNumberHint))
        {
            line += $" · policy number: {Mrkdwn.Escape(policyNumberHint)}";
        }

        return line;
    }

    /// <summary>A review line: the question, then the answer in bold.</summary>
    public static string ReviewItemText(ReviewItem item) => $"{Mrkdwn.Escape(item.QuestionText)}\n*{Mrkdwn.Escape(item.AnswerTitle)}*";

    private static string VerdictLabel(string handOverNotes) => handOverNotes switch
    {
        "no" => "No, not now",
        "as-ordered" => "As the order requires, and no more",
        "minimum-with-consent" => "The minimum, with valid consent",
        _ => handOverNotes,
    };

    private static string SourceTitle(Advice advice, string sourceId) =>
        advice.Sources.FirstOrDefault(s => s.Id == sourceId)?.Title ?? sourceId;

    private static string SourceLine(SourceReference source)
    {
        var title = source.Url is null ? Mrkdwn.Escape(source.Title) : Mrkdwn.Link(source.Url, source.Title);
        return string.IsNullOrWhiteSpace(source.Citation) ? $"• {title}" : $"• {title} ({Mrkdwn.Escape(source.Citation)})";
    }

    private static bool IsWhyButton(ReplyButton button) => button.Title.Contains("why", StringComparison.OrdinalIgnoreCase);

    internal static JsonObject EngineButton(ReplyButton button, IdCounter ids, string? forcedStyle = null)
    {
        var style = forcedStyle ?? button.Style switch
        {
            ButtonStyle.Primary => "primary",
            ButtonStyle.Destructive => "danger",
            _ => null,
        };
        return Blocks.Button(button.Title, SlackActionIds.Numbered(SlackActionIds.EngineButton, ids.Next()), button.Value, style);
    }

    /// <summary>
    /// Cuts the blocks into messages of at most 50, each with a fallback text and unique block ids. Splitting
    /// only happens between blocks, so buttons stay with the text they belong to.
    /// </summary>
    internal static IReadOnlyList<SlackMessage> Split(string fallback, List<JsonObject> blocks)
    {
        var messages = new List<SlackMessage>();
        var chunks = blocks.Chunk(BlockKitLimits.MessageBlocks).ToList();
        var blockNumber = 0;
        for (var i = 0; i < chunks.Count; i++)
        {
            foreach (var block in chunks[i])
            {
                block["block_id"] = $"ng-b{++blockNumber}";
            }

            // The top-level text is parsed as mrkdwn too (it is what notifications show), so it is escaped like the blocks.
            var text = chunks.Count == 1 ? fallback : $"{fallback} ({i + 1}/{chunks.Count})";
            messages.Add(new SlackMessage(FallbackText(text), new JsonArray([.. chunks[i]])));
        }

        if (messages.Count == 0)
        {
            messages.Add(new SlackMessage(FallbackText(fallback), [.. Blocks.Sections(Mrkdwn.Escape(fallback))]));
        }

        return messages;
    }

    /// <summary>The escaped notification text, short enough for any client to show.</summary>
    public static string FallbackText(string plain) => Mrkdwn.Escape(Blocks.Shorten(plain, BlockKitLimits.FallbackText));

    /// <summary>Numbers action ids within one rendering so they are unique.</summary>
    internal sealed class IdCounter
    {
        private int _next;

        public int Next() => ++_next;
    }
}
