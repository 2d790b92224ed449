using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations;
using NotesGuard.Conversations.Hosting;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.State;

namespace NotesGuard.Cli.Commands;

/// <summary>
/// <c>notesguard audit [--days N]</c>: the practice's audit trail (broadcasts: who, when, where, which card and
/// rulebook version, the result) from the store the bot uses, read from the settings file's "Storage" and
/// "Practice" sections and Storage__*/Practice__* environment variables.
/// </summary>
internal static class AuditCommand
{
    public static Command Build(Option<FileInfo?> settings)
    {
        var days = new Option<int>("--days") { Description = "How many days back, today included (1 to 3650).", DefaultValueFactory = _ => 30 };
        var command = new Command("audit", "List the practice's audit trail of broadcasts.") { days };
        command.SetAction(parse => Run(parse.GetValue(days), parse.GetValue(settings)));
        return command;
    }

    private static int Run(int days, FileInfo? settingsFile)
    {
        if (days is < 1 or > 3650)
        {
            Console.Error.WriteLine("notesguard: --days must be between 1 and 3650");
            return ExitCodes.InvalidInput;
        }

        if (settingsFile is { Exists: false })
        {
            Console.Error.WriteLine($"notesguard: settings file '{settingsFile.FullName}' does not exist");
            return ExitCodes.Failed;
        }

        var storage = new StorageOptions();
        var practice = new PracticeOptions();
        try
        {
            var builder = new ConfigurationBuilder();
            if (settingsFile is not null)
            {
                builder.AddJsonFile(settingsFile.FullName, optional: false, reloadOnChange: false);
            }

            // Inside the try: a settings file that is not JSON fails here, when the configuration is built.
            var configuration = builder.AddEnvironmentVariables().Build();
            configuration.GetSection(StorageOptions.SectionName).Bind(storage);
            configuration.GetSection(PracticeOptions.SectionName).Bind(practice);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or InvalidOperationException)
        {
            Console.Error.WriteLine($"notesguard: cannot read the settings: {ex.Message}");
            return ExitCodes.Failed;
        }

        // The same checks as the bot's start-up: a misspelt provider or a missing connection string is named, not
        // read as "SQLite in ./data".
        if (new StorageOptionsValidator().Validate(null, storage) is { Failed: true } invalid)
        {
            foreach (var failure in invalid.Failures ?? [])
            {
                Console.Error.WriteLine($"notesguard: {failure}");
            }

            return ExitCodes.Failed;
        }

        var root = settingsFile?.DirectoryName ?? Directory.GetCurrentDirectory();
        if (StorageProviders.Is(storage.Provider, StorageProviders.Sqlite)
            && Path.Combine(storage.ResolveDataFolder(root), ConversationServiceCollectionExtensions.DatabaseFileName) is var database
            && !File.Exists(database))
        {
            // Opening it would create an empty database and report "no broadcasts": say where we looked instead.
            Console.Error.WriteLine($"notesguard: there is no NotesGuard database at '{database}'; point Storage:DataFolder (--settings or Storage__DataFolder) at the bot's data folder");
            return ExitCodes.Failed;
        }

        IStateStore? store = null;
        try
        {
            // Inside the try: opening SQLite reads the file and creates the schema, which fails on a file that is not
            // a database or cannot be written.
            store = StateStores.FromOptions(storage, root, TimeProvider.System);
            var trail = new AuditTrail(store, TimeProvider.System, Options.Create(practice));
            var entries = trail.ListAsync(days).GetAwaiter().GetResult();
            if (entries.Count == 0)
            {
                Console.Out.WriteLine($"No practice broadcasts in the last {days} day(s).");
            }

            foreach (var entry in entries)
            {
                Console.Out.WriteLine(AuditTrail.Describe(entry));
            }

            return ExitCodes.Ok;
        }
#pragma warning disable CA1031 // Any provider's failure (unreachable, refused, locked): one line and exit 1, not a stack trace.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"notesguard: the audit trail could not be read from the {storage.Provider} store ({LoggedFailure.Describe(ex)})");
            return ExitCodes.Failed;
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }
}
