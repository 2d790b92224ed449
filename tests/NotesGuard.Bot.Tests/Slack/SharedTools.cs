namespace NotesGuard.Bot.Tests.Slack;

/// <summary>../shared/tools, found like the conformance tests find it; missing tools fail the test, never skip it.</summary>
internal static class SharedTools
{
    public static string Directory { get; } = Find();

    private static string Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("NOTESGUARD_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(Path.Combine(fromEnvironment, "tools", "peers-install")))
        {
            return Path.Combine(fromEnvironment, "tools");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "tools");
            if (File.Exists(Path.Combine(candidate, "peers-install")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("shared/tools not found: clone NotesGuard beside ../shared and run ./scripts/test");
    }
}
