using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NotesGuard.Cli.Rendering;
using NotesGuard.Cli.Walkthrough;
using NotesGuard.Conversations.Dialogs;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Cli.Commands;

/// <summary>
/// <c>notesguard ask</c>: the chats' walkthrough (the same conversation engine and dialog) in the terminal, kept in
/// this process's memory only; also driven line by line when stdin is piped.
/// </summary>
internal static class AskCommand
{
    public static Command Build(Option<FileInfo?> settings)
    {
        var sources = StepSourcesOption.Create();
        var output = new Option<DirectoryInfo?>("--out")
        {
            Description = "The folder where 'write N' saves the documents offered after the card (default: the current folder).",
        };
        var command = new Command("ask", "Walk through the questions in the terminal, see the guidance card and write the documents that fit.") { sources, output };
        command.SetAction((parse, cancellationToken) =>
        {
            if (CliPractice.ReadSettings(parse.GetValue(settings), Console.Error) is not { } practice ||
                CliPractice.CreateAdvisor(practice, Console.Error) is not { } advisor)
            {
                return Task.FromResult(ExitCodes.Failed);
            }

            var engine = CreateEngine(advisor, practice);
            var console = ConsoleFactory.Create();
            var documents = new CaseDocuments(advisor.Rulebook, practice, parse.GetValue(output) ?? new DirectoryInfo(Environment.CurrentDirectory), console);
            return ConsoleWalkthrough.ForProcess(engine, console, parse.GetValue(sources), documents).RunAsync(cancellationToken);
        });
        return command;
    }

    /// <summary>The engine the bot host runs, over a store in this process's memory.</summary>
    internal static ConversationEngine CreateEngine(NotesGuard.Guidance.IAdvisor advisor, NotesGuard.Guidance.PracticeSettings practice) => new(
        new InProcessStateStore(),
        new AdviceDialog(advisor, practice),
        Options.Create(new StorageOptions()),
        NullLogger<ConversationEngine>.Instance);
}
