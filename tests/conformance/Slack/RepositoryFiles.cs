namespace NotesGuard.Conformance.Tests.Slack;

/// <summary>Finds files of this repository (the manifest) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "NotesGuard.Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NotesGuard.Bot.sln not found above the test output folder");
    }
}
