using System.CommandLine;

namespace NotesGuard.Cli.Commands;

/// <summary>The command tree: <c>advise</c>, <c>ask</c>, <c>rulebook check</c>, <c>rulebook table</c>, <c>rulebook diff</c>, <c>letter</c>, <c>practice hash-key</c>, <c>audit</c>.</summary>
internal static class NotesGuardCommand
{
    public static RootCommand Build()
    {
        var settings = new Option<FileInfo?>("--settings")
        {
            Description = "A JSON settings file with a \"Practice\" section (helplines, practice name, supervisor, rulebook path). Practice__* environment variables override it.",
            Recursive = true,
        };

        var root = new RootCommand("NotesGuard: practice guidance for therapists asked to hand over a client's notes (England and Wales). Not legal advice.")
        {
            settings,
            AdviseCommand.Build(settings),
            AskCommand.Build(settings),
            RulebookCommand.Build(settings),
            LetterCommand.Build(settings),
            PracticeCommand.Build(),
            AuditCommand.Build(settings),
        };
        return root;
    }
}
