using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.State;

namespace NotesGuard.Cli.Tests;

/// <summary><c>notesguard practice hash-key</c> and <c>notesguard audit</c>, run as the real CLI process.</summary>
public sealed class PracticeCommandTests
{
    [Fact]
    public void Hash_key_reads_the_key_from_standard_input_and_prints_the_configuration_value()
    {
        var run = CliProcess.Run(["practice", "hash-key"], stdin: "a-long-enough-practice-key-123\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(PracticeApiKey.Hash("a-long-enough-practice-key-123"), run.Stdout.Trim());
        Assert.Matches("^sha256:[0-9a-f]{64}$", run.Stdout.Trim());
    }

    [Fact]
    public void Hash_key_refuses_a_short_key()
    {
        var run = CliProcess.Run(["practice", "hash-key"], stdin: "short\n");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("at least 16 characters", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_key_new_makes_a_key_whose_hash_it_prints()
    {
        var run = CliProcess.Run(["practice", "hash-key", "--new"]);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var key = lines.Single(l => l.StartsWith("key:", StringComparison.Ordinal))["key:".Length..].Trim();
        var hash = lines.Single(l => l.StartsWith("hash:", StringComparison.Ordinal))["hash:".Length..].Trim();
        Assert.True(key.Length >= 40);
        Assert.Equal(PracticeApiKey.Hash(key), hash);
    }

    [Fact]
    public async Task Audit_lists_the_broadcasts_in_the_configured_store()
    {
        var folder = Directory.CreateTempSubdirectory("notesguard-cli-audit-").FullName;
        try
        {
            var storage = new StorageOptions { DataFolder = folder };
            var store = StateStores.FromOptions(storage, folder, TimeProvider.System);
            var trail = new AuditTrail(store, TimeProvider.System, Options.Create(new PracticeOptions()));
            await trail.AppendAsync(new AuditEntry(
                DateTimeOffset.UtcNow, "msteams:sha256:0123456789abcdef", "msteams", "broadcast", "if-asked-for-notes", "2026.2", "chat-1",
                [new PracticePostResult("slack:T0P:C0A", true), new PracticePostResult("msteams:19:x@thread.v2", false, "teams_403 Forbidden")]));
            (store as IDisposable)?.Dispose();
            var settings = Path.Combine(folder, "settings.json");
            await File.WriteAllTextAsync(settings, $$"""{ "Storage": { "DataFolder": "{{folder}}" } }""");

            var run = CliProcess.Run(["audit", "--settings", settings, "--days", "2"]);

            Assert.Equal(0, run.ExitCode);
            var line = Assert.Single(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("broadcast 'if-asked-for-notes' (rulebook 2026.2) by msteams:sha256:0123456789abcdef via msteams", line, StringComparison.Ordinal);
            Assert.Contains("posted to 1 of 2; failed: msteams:19:x@thread.v2 (teams_403 Forbidden)", line, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Audit_with_an_empty_store_says_so()
    {
        var folder = Directory.CreateTempSubdirectory("notesguard-cli-audit-").FullName;
        try
        {
            using (new SqliteStateStore(Path.Combine(folder, "notesguard-state.db"), TimeProvider.System))
            {
                // The bot's database, with nothing in its audit trail.
            }

            var run = CliProcess.Run(["audit"], environment: new Dictionary<string, string> { ["Storage__DataFolder"] = folder });

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("No practice broadcasts in the last 30 day(s).", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static TheoryData<string, string> BadAuditSettings => new()
    {
        // the settings file, what stderr says
        { "{ \"Storage\": ", "cannot read the settings" },
        { "{ \"Storage\": { \"Provider\": \"Sqlight\" } }", "Storage:Provider" },
        { "{ \"Storage\": { \"Provider\": \"Postgres\" } }", "Storage:Postgres:ConnectionString" },
        { "{ \"Storage\": { \"DataFolder\": \"no-such-folder\" } }", "there is no NotesGuard database at" },
        { "{ \"Storage\": { \"DataFolder\": \"not-a-database\" } }", "could not be read from the Sqlite store" },
        { "{ \"Storage\": { \"Provider\": \"Postgres\", \"Postgres\": { \"ConnectionString\": \"Host=127.0.0.1;Port=1;Timeout=2\" } } }", "could not be read from the Postgres store" },
    };

    [Theory]
    [MemberData(nameof(BadAuditSettings))]
    public void Audit_with_settings_it_cannot_use_says_what_in_one_line_and_exits_1_without_a_stack_trace(string settingsJson, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("notesguard-cli-audit-").FullName;
        try
        {
            var settings = Path.Combine(folder, "settings.json");
            File.WriteAllText(settings, settingsJson);
            Directory.CreateDirectory(Path.Combine(folder, "not-a-database"));
            File.WriteAllText(Path.Combine(folder, "not-a-database", "notesguard-state.db"), "this file is not a SQLite database, but it is long enough to have a header");

            var run = CliProcess.Run(["audit", "--settings", settings]);

            Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}\n{run.Stderr}");
            Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "no-such-folder", "notesguard-state.db")), "a database was created where none was");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
