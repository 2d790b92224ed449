using System.Text.Json.Nodes;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;

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
        DocumentsReply documents => RenderDocuments(documents),
        _ => [new SlackMessage("NotesGuard", [.. Blocks.Sections(Mrkdwn.Escape("NotesGuard has a reply this Slack app cannot show yet."))])],
    };

    /// <summary>
    /// A question, translated from <see cref="QuestionCardModel"/>: the reason is behind a "Why am I asked this?"
    /// button (Slack cannot fold text) whose value carries it, at the head of the navigation row.
    /// </summary>
    public IReadOnlyList<SlackMessage> RenderQuestion(QuestionReply question)
    {
        var ids = new IdCounter();
        var card = QuestionCardModel.Build(question);
        var blocks = new List<JsonObject>();
        JsonObject? why = null;
        foreach (var section in card.Sections)
        {
            var sectionBlocks = section.Kind switch
            {
                CardSectionKind.Banner or CardSectionKind.Progress => [.. Blocks.Contexts(section.Lines.Select(l => Mrkdwn.Escape(l.Text)))],
                CardSectionKind.Question => [.. Blocks.Sections(Mrkdwn.Bold(section.Lines[0].Text))],
                CardSectionKind.Choices => [.. Blocks.Actions(section.Lines.Select(l => EngineButton(l.Button!, ids)))],
                CardSectionKind.Why => [],
                _ => Blocks.Sections(Mrkdwn.Escape(string.Join("\n", section.Words))).ToList(),
            };
            if (section.Kind == CardSectionKind.Why)
            {
                why = Blocks.Button(section.Label!, SlackActionIds.Numbered(SlackActionIds.Why, ids.Next()), Blocks.Shorten(section.Lines[0].Text, BlockKitLimits.ButtonValue));
            }

            Tag(sectionBlocks, section.Kind);
            blocks.AddRange(sectionBlocks);
        }

        var navigation = card.Actions.Select(b => EngineButton(b, ids)).ToList();
        if (why is not null)
        {
            navigation.Insert(0, why);
        }

        var row = Blocks.Actions(navigation).ToList();
        Tag(row, CardSectionKind.Why);
        blocks.AddRange(row);
        return Split(question.Text, blocks);
    }

    /// <summary>Marks blocks with their card section ("ng-choices"), which <see cref="Split"/> numbers.</summary>
    private static void Tag(IEnumerable<JsonObject> blocks, CardSectionKind kind)
    {
        foreach (var block in blocks)
        {
            block["block_id"] = GuidanceCardBlocks.SectionTag(kind);
        }
    }

    /// <summary>The rulebook's reason for a question, for the person who clicked "why?".</summary>
    public SlackMessage RenderWhy(string why) => Split(why, [.. Blocks.Sections(Mrkdwn.Escape(why))])[0];

    /// <summary>A question already answered, translated from <see cref="AnsweredCardModel"/>: no buttons left.</summary>
    public SlackMessage RenderAnswered(AnsweredQuestionReply answered)
    {
        var card = AnsweredCardModel.Build(answered);
        var blocks = new List<JsonObject>();
        foreach (var section in card.Sections)
        {
            var text = section.Lines[0].Text;
            List<JsonObject> sectionBlocks = section.Kind switch
            {
                CardSectionKind.Banner or CardSectionKind.AnsweredBy => [.. Blocks.Contexts([Mrkdwn.Escape(text)])],
                CardSectionKind.Answer => [.. Blocks.Sections(Mrkdwn.Bold(text))],
                _ => [.. Blocks.Sections(Mrkdwn.Escape(text))],
            };
            Tag(sectionBlocks, section.Kind);
            blocks.AddRange(sectionBlocks);
        }

        return Split($"{answered.Text} {answered.AnswerTitle}", blocks)[0];
    }

    /// <summary>The review, translated from <see cref="ReviewCardModel"/>: each answer with its Change button beside it.</summary>
    public IReadOnlyList<SlackMessage> RenderReview(ReviewReply review)
    {
        var ids = new IdCounter();
        var card = ReviewCardModel.Build(review);
        var blocks = new List<JsonObject>();
        foreach (var section in card.Sections)
        {
            List<JsonObject> sectionBlocks = section.Kind switch
            {
                CardSectionKind.Banner => [.. Blocks.Contexts(section.Lines.Select(l => Mrkdwn.Escape(l.Text)))],
                CardSectionKind.Heading => [Blocks.Header(section.Lines[0].Text)],
                CardSectionKind.Answers => [.. section.Lines.Select(l => Blocks.SectionWithButton(AnswerText(l), EngineButton(l.Button!, ids)))],
                _ => [.. Blocks.Sections(Mrkdwn.Escape(string.Join("\n", section.Words)))],
            };
            Tag(sectionBlocks, section.Kind);
            blocks.AddRange(sectionBlocks);
        }

        blocks.AddRange(Blocks.Actions([EngineButton(card.Actions[0], ids, "primary"), .. card.Actions.Skip(1).Select(b => EngineButton(b, ids))]));
        return Split(card.Summary, blocks);
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

    /// <summary>
    /// The documents offered after a card, translated from <see cref="DocumentsCardModel"/>: each document's title and
    /// opening lines, then its downloads as link buttons and "Read it here" as an engine button.
    /// </summary>
    public IReadOnlyList<SlackMessage> RenderDocuments(DocumentsReply documents)
    {
        var ids = new IdCounter();
        var card = DocumentsCardModel.Build(documents);
        var blocks = new List<JsonObject>();
        foreach (var section in card.Sections)
        {
            List<JsonObject> sectionBlocks = section.Kind switch
            {
                CardSectionKind.Heading => [Blocks.Header(section.Lines[0].Text)],
                CardSectionKind.Document =>
                [
                    .. Blocks.Sections(string.Join("\n", [Mrkdwn.Bold(section.Label!), .. DocumentsCardModel.Text(section).Select(l => Mrkdwn.Escape(l.Text))])),
                    .. Blocks.Actions(section.Lines
                        .Where(l => l.Url is not null || l.Button is not null)
                        .Select(l => l.Url is not null
                            ? Blocks.LinkButton(l.Text, SlackActionIds.Numbered(SlackActionIds.Link, ids.Next()), l.Url)
                            : EngineButton(l.Button!, ids))),
                ],
                _ => [.. Blocks.Contexts(section.Lines.Select(l => Mrkdwn.Escape(l.Text)))],
            };
            Tag(sectionBlocks, section.Kind);
            blocks.AddRange(sectionBlocks);
        }

        return Split(card.Summary, blocks);
    }

    public IReadOnlyList<SlackMessage> RenderCard(GuidanceCardReply card) =>
        Split(GuidanceCardModel.Build(card).Summary, GuidanceCardBlocks.Build(card, new IdCounter()));

    /// <summary>A review line: the question, then the answer in bold.</summary>
    public static string AnswerText(CardLine line) =>
        line.Detail is null ? Mrkdwn.Escape(line.Text) : $"{Mrkdwn.Escape(line.Text)}\n*{Mrkdwn.Escape(line.Detail)}*";

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
                // A block may carry its card section's tag ("ng-doNow"); the number keeps every id unique.
                var tag = block["block_id"]?.GetValue<string>() ?? "ng-b";
                block["block_id"] = tag == "ng-b" ? $"ng-b{++blockNumber}" : $"{tag}-{++blockNumber}";
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
