using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Prompts;
using NotesGuard.Guidance;
using Spectre.Console;

namespace NotesGuard.Cli.Walkthrough;

/// <summary>
/// Reads replies either from a terminal (arrow-key menu) or, when stdin is piped, one line at a time: a choice's
/// number, value or title, or why / back / restart / quit. End of input counts as quit.
/// </summary>
internal sealed class ReplyReader(IAnsiConsole console, TextReader input, bool interactive)
{
    private const string WhyLabel = CardWords.Why;
    private const string BackLabel = "Back";
    private const string RestartLabel = "Restart";
    private const string QuitLabel = "Quit";

    public static ReplyReader ForProcess(IAnsiConsole console) =>
        new(console, Console.In, interactive: !Console.IsInputRedirected && !Console.IsOutputRedirected);

    public Reply ReadAnswer(Question question, bool canGoBack)
    {
        if (interactive)
        {
            var options = question.Choices.Select(c => c.Title).Append(WhyLabel);
            if (canGoBack)
            {
                options = options.Append(BackLabel);
            }

            var picked = console.Prompt(new SelectionPrompt<string>()
                .Title("Choose an answer")
                .AddChoices(options.Append(RestartLabel).Append(QuitLabel))
                .UseConverter(Markup.Escape));
            return Command(picked) ?? new Reply(ReplyKind.Choice, question.Choices.First(c => c.Title == picked));
        }

        console.MarkupLine("[grey]Type a number or an answer, or: why, back, restart, quit[/]");
        var line = input.ReadLine();
        if (line is null)
        {
            return new Reply(ReplyKind.Quit);
        }

        if (Command(line) is { } command)
        {
            return command;
        }

        return ChoiceRecognizer.Recognize(line, question) is { } choice
            ? new Reply(ReplyKind.Choice, choice)
            : new Reply(ReplyKind.NotRecognised);
    }

    public Reply ReadAfterCard()
    {
        if (interactive)
        {
            return Command(console.Prompt(new SelectionPrompt<string>()
                .Title("What next?")
                .AddChoices(QuitLabel, BackLabel, RestartLabel))) ?? new Reply(ReplyKind.Quit);
        }

        console.MarkupLine("[grey]Type back to change your last answer, restart to start again, or quit[/]");
        var line = input.ReadLine();
        return line is null ? new Reply(ReplyKind.Quit) : Command(line) ?? new Reply(ReplyKind.NotRecognised);
    }

    private static Reply? Command(string text) => text.Trim().ToLowerInvariant() switch
    {
        "why" or "why?" or "w" or "why am i asked this?" => new Reply(ReplyKind.Why),
        "back" or "b" => new Reply(ReplyKind.Back),
        "restart" or "start again" or "r" => new Reply(ReplyKind.Restart),
        "quit" or "exit" or "q" => new Reply(ReplyKind.Quit),
        _ => null,
    };
}
