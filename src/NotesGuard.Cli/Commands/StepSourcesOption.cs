using System.CommandLine;

namespace NotesGuard.Cli.Commands;

/// <summary><c>--sources</c>: show each step's source ids after it, for a reviewer; the card lists sources once anyway.</summary>
internal static class StepSourcesOption
{
    public static Option<bool> Create() => new("--sources")
    {
        Description = "Also show each step's source ids after the step (the card always lists its sources once at the end).",
    };
}
