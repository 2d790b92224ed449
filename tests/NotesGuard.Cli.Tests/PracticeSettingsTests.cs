using System.Text.Json;

namespace NotesGuard.Cli.Tests;

/// <summary>Practice settings from <c>--settings FILE</c> and <c>Practice__*</c> environment variables.</summary>
public sealed class PracticeSettingsTests
{
    private const string Answers = """{"jurisdiction":"england-wales","requester":"defence","courtOrder":"yes","safeguardingConcern":"no"}""";

    [Fact]
    public void Helplines_from_a_settings_file_appear_on_the_card()
    {
        var file = Path.GetTempFileName();
        // 01632 960xxx is Ofcom's range reserved for fiction: never a real helpline.
        File.WriteAllText(file, """
            { "Practice": { "PracticeName": "Riverside Counselling",
                            "InsurerHelplines": [ { "Name": "Example insurer legal line", "Phone": "01632 960003", "Hours": "9-5" } ] } }
            """);
        try
        {
            var run = CliProcess.Run(["advise", "--settings", file], Answers);

            Assert.True(run.ExitCode == 0, run.Stderr);
            using var json = JsonDocument.Parse(run.Stdout);
            var helpline = json.RootElement.GetProperty("helplines")[0];
            Assert.Equal("Example insurer legal line", helpline.GetProperty("name").GetString());
            Assert.Equal("01632 960003", helpline.GetProperty("phone").GetString());
            Assert.Equal("Riverside Counselling", json.RootElement.GetProperty("practiceName").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Environment_variables_configure_helplines_too()
    {
        var run = CliProcess.Run(["advise", "--format", "text"], Answers, new Dictionary<string, string>
        {
            ["Practice__InsurerHelplines__0__Name"] = "Env insurer line",
            ["Practice__InsurerHelplines__0__Phone"] = "01632 960004",
        });

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Env insurer line: 01632 960004", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_settings_the_card_says_to_call_the_insurer_s_legal_helpline_and_lists_no_number()
    {
        var run = CliProcess.Run(["advise"], Answers);

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(0, json.RootElement.GetProperty("helplines").GetArrayLength());
        Assert.Contains("professional indemnity insurer's legal helpline", json.RootElement.GetProperty("helplineInstruction").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_setting_stops_with_the_key_named()
    {
        var run = CliProcess.Run(["advise"], Answers, new Dictionary<string, string>
        {
            ["Practice__InsurerHelplines__0__Name"] = "Insurer without a number",
        });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Practice:InsurerHelplines:0:Phone", run.Stderr, StringComparison.Ordinal);
    }
}
