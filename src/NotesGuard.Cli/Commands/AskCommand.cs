using System.CommandLine;
using NotesGuard.Cli.Rendering;
using NotesGuard.Cli.Walkthrough;

namespace NotesGuard.Cli.Commands;

/// <summary><c>notesguard ask</c>: the interactive walkthrough (also driven line by line when stdin is piped).</summary>
internal static class AskCommand
{
    public static Command Build(Option<FileInfo?> settings)
    {
        var sources = StepSourcesOption.Create();
        var command = new Command("ask", "Walk through the questions in the terminal and see the guidance card.") { sources };
        command.SetAction(parse =>
        {
            if (CliPractice.CreateAdvisor(parse.GetValue(settings), Console.Error) is not { } advisor)
            {
                return ExitCodes.Failed;
            }

            var console = ConsoleFactory.Create();
            return new AskSession(advisor, console, ReplyReader.ForProcess(console), parse.GetValue(sources)).Run();
        });
        return command;
    }
}
