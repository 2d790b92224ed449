using System.CommandLine;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Cli.Commands;

/// <summary><c>notesguard rulebook check FILE</c> and <c>notesguard rulebook table [FILE]</c>, for reviewing a rulebook.</summary>
internal static class RulebookCommand
{
    public static Command Build(Option<FileInfo?> settings)
    {
        var checkFile = new Argument<string>("FILE") { Description = "The rulebook YAML file to validate." };
        var check = new Command("check", "Validate a rulebook file; prints every error as FILE:LINE:COLUMN path: message.") { checkFile };
        check.SetAction(parse => Check(parse.GetValue(checkFile)!));

        var tableFile = new Argument<string?>("FILE")
        {
            Description = "A rulebook file; without it, the practice's configured rulebook or the shipped one.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var table = new Command("table", "Print the decision table: each walkthrough's answers → outcome and hand-over verdict.") { tableFile };
        table.SetAction(parse => Table(parse.GetValue(tableFile), parse.GetValue(settings)));

        return new Command("rulebook", "Check or print a rulebook.") { check, table };
    }

    private static int Check(string file)
    {
        try
        {
            var rulebook = RulebookLoader.LoadFile(file);
            Console.Out.WriteLine(
                $"{file}: valid (version {rulebook.Version}, effective {rulebook.EffectiveDate:yyyy-MM-dd}, " +
                $"{rulebook.Questions.Count} questions, {rulebook.Rules.Count} rules, {rulebook.Outcomes.Count} outcomes)");
            return ExitCodes.Ok;
        }
        catch (RulebookValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                Console.Out.WriteLine(error);
            }

            return ExitCodes.Failed;
        }
    }

    private static int Table(string? file, FileInfo? settingsFile)
    {
        if (CliPractice.ReadSettings(settingsFile, Console.Error) is not { } settings)
        {
            return ExitCodes.Failed;
        }

        if (file is not null)
        {
            settings.RulebookPath = file;
        }

        Advisor advisor;
        try
        {
            advisor = Advisor.Create(settings);
        }
        catch (Exception ex) when (ex is RulebookValidationException or PracticeSettingsException)
        {
            Console.Error.WriteLine($"notesguard: {ex.Message}");
            return ExitCodes.Failed;
        }

        Console.Out.WriteLine($"# NotesGuard decision table, rulebook {advisor.RulebookVersion}: answers in the order asked → outcome (handOverNotes)");
        var rows = 0;
        foreach (var walkthrough in advisor.Walkthroughs())
        {
            var answers = string.Join(" ", walkthrough.Answers.Select(a => $"{a.Key}={a.Value}"));
            Console.Out.WriteLine($"{answers} → {walkthrough.Advice.Outcome} ({walkthrough.Advice.HandOverNotes})");
            rows++;
        }

        Console.Out.WriteLine($"# {rows} walkthroughs");
        return ExitCodes.Ok;
    }
}
