using NotesGuard.Cli.Commands;

namespace NotesGuard.Cli;

internal static class Program
{
    private static int Main(string[] args) => NotesGuardCommand.Build().Parse(args).Invoke();
}
