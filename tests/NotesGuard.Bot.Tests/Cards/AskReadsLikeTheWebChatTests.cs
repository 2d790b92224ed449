using System.Text.Json.Nodes;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Cli;
using NotesGuard.Cli.Commands;
using NotesGuard.Cli.Rendering;
using NotesGuard.Cli.Walkthrough;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;
using Spectre.Console;

namespace NotesGuard.Bot.Tests.Cards;

/// <summary>
/// One walkthrough everywhere: the same lines typed into the web chat and piped into <c>notesguard ask</c> give the
/// same welcome, questions (with the same progress), answers, review and card, in the same order, and the terminal
/// prints each question the engine asks.
/// </summary>
public sealed class AskReadsLikeTheWebChatTests
{
    [Theory]
    [InlineData("1", "defence", "yes", "n", "yes")]
    [InlineData("england", "defence", "back", "the defence", "why", "nope", "nah", "yes")]
    [InlineData("scotland", "perhaps", "no", "change 1", "england or wales", "defence", "no", "no", "yes")]
    public async Task Typed_lines_walk_the_same_dialog_in_the_web_chat_and_the_terminal(params string[] lines)
    {
        await using var bot = await RunningBot.StartAsync();
        var chat = new WebChatHttpClient(bot.Client, conversationId: "askcompare", userId: "person");
        var webChat = new List<string>();
        foreach (var line in (string[])["hello", .. lines])
        {
            // The documents card follows the guidance card from outside the engine, and the terminal lists the
            // documents its own way (write N, read N), so the dialog itself is what must read the same.
            webChat.AddRange((await chat.SaysAsync(line)).Where(r => (string?)r!["type"] != "documents").Select(r => WebChatLine(r!)));
        }

        var engine = new RecordingEngine(AskCommand.CreateEngine(Advisor.Create(new PracticeSettings()), new PracticeSettings()));
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 100_000;
        var input = new StringReader(string.Join('\n', lines) + "\n");

        var exit = await new ConsoleWalkthrough(engine, console, new GuidanceView(console), input, interactive: false).RunAsync();

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(webChat, engine.Replies.Select(ReplyLine));
        Assert.Contains(webChat, l => l.StartsWith("review:", StringComparison.Ordinal));
        Assert.StartsWith("guidance:", webChat[^1], StringComparison.Ordinal);

        // The terminal shows every question the engine asked, in order.
        var printed = output.ToString();
        var at = 0;
        foreach (var question in engine.Replies.OfType<QuestionReply>())
        {
            at = printed.IndexOf($"{question.ProgressText}\n", at, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{question.ProgressText}' not printed in order:\n{printed}");
            at = printed.IndexOf(question.Text, at, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{question.Text}' not printed in order:\n{printed}");
        }

        Assert.Contains(CardWords.CheckYourAnswers, printed, StringComparison.Ordinal);
        Assert.Contains(GuidanceCardModel.Build(engine.Replies.OfType<GuidanceCardReply>().Last()).Section(CardSectionKind.Headline)!.Lines[0].Text, printed, StringComparison.Ordinal);
    }

    private static string WebChatLine(JsonNode reply) => (string)reply["type"]! switch
    {
        "text" => $"text: {(string?)reply["title"]} | {(string?)reply["text"]}",
        "question" => $"question: {(string?)reply["progress"]} | {(string?)reply["notice"]} | {(string?)reply["text"]}",
        "answered" => $"answered: {(string?)reply["text"]} = {(string?)reply["answerTitle"]}",
        "review" => "review: " + string.Join("; ", reply["items"]!.AsArray().Select(i => $"{(string?)i!["questionText"]} = {(string?)i["answerTitle"]}")),
        "guidance" => "guidance: " + (string?)reply["card"]!["sections"]!.AsArray().First(s => (string?)s!["kind"] == "headline")!["lines"]![0]!["text"],
        var other => other,
    };

    private static string ReplyLine(Reply reply) => reply switch
    {
        TextReply t => $"text: {t.Title} | {t.Text}",
        QuestionReply q => $"question: {q.ProgressText} | {q.Notice} | {q.Text}",
        AnsweredQuestionReply a => $"answered: {a.Text} = {a.AnswerTitle}",
        ReviewReply r => "review: " + string.Join("; ", r.Items.Select(i => $"{i.QuestionText} = {i.AnswerTitle}")),
        GuidanceCardReply c => "guidance: " + GuidanceCardModel.Build(c).Section(CardSectionKind.Headline)!.Lines[0].Text,
        _ => reply.GetType().Name,
    };

    /// <summary>The CLI's engine, keeping what it answered so the test can compare it with the web chat's.</summary>
    private sealed class RecordingEngine(ITurnHandler inner) : ITurnHandler
    {
        public List<Reply> Replies { get; } = [];

        public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
        {
            var result = await inner.HandleAsync(turn, cancellationToken);
            Replies.AddRange(result.Replies);
            return result;
        }
    }
}
