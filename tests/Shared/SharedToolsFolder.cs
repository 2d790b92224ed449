namespace NotesGuard.Tests.Shared;

/// <summary>
/// ../shared/tools (the peer checkers and senders): from NOTESGUARD_SHARED, else the nearest "shared/tools"
/// above the test binaries. Missing tools throw, so a test that needs them fails rather than skips.
/// </summary>
internal static class SharedToolsFolder
{
    public static string Location { get; } = Find();

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
