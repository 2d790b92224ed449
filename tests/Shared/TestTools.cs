namespace NotesGuard.Tests.Shared;

/// <summary>
/// This repository's tests/tools: the small checker scripts and, in its node_modules, the pinned third-party
/// packages they call (tests/tools/install puts them there; scripts/test runs it). Found by walking up from the
/// test binaries to NotesGuard.Bot.sln, so nothing outside the repository is needed. Missing packages throw,
/// so a test that needs them fails rather than skips.
/// </summary>
internal static class TestTools
{
    public static string Location { get; } = Find();

    /// <summary>An executable installed by a pinned package (tests/tools/node_modules/.bin).</summary>
    public static string Bin(string name) => Path.Combine(Location, "node_modules", ".bin", name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotesGuard.Bot.sln")))
            {
                var tools = Path.Combine(dir.FullName, "tests", "tools");
                if (!Directory.Exists(Path.Combine(tools, "node_modules")))
                {
                    throw new InvalidOperationException($"{tools}/node_modules is missing: run tests/tools/install (./scripts/test does).");
                }

                return tools;
            }
        }

        throw new InvalidOperationException("NotesGuard.Bot.sln not found above the test binaries.");
    }
}
