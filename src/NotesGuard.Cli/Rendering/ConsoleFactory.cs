using Spectre.Console;

namespace NotesGuard.Cli.Rendering;

internal static class ConsoleFactory
{
    /// <summary>
    /// A Spectre console on stdout. When output is piped, lines are not wrapped at 80 columns so that scripts
    /// (and tests) see whole sentences; colour codes are left out by Spectre's own detection.
    /// </summary>
    public static IAnsiConsole Create()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 1000;
        }

        return console;
    }
}
