using System.CommandLine;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Cli.Commands;

/// <summary>
/// <c>notesguard rulebook check FILE</c>, <c>notesguard rulebook table [FILE]</c> and
/// <c>notesguard rulebook diff OLD NEW</c>, for reviewing a rulebook.
/// </summary>
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

        var oldFile = new Argument<string>("OLD") { Description = "The earlier rulebook file." };
        var newFile = new Argument<string>("NEW") { Description = "The later rulebook file." };
        var diff = new Command(
            "diff",
            "Show what changed between two rulebooks: per outcome the steps added, removed or reworded, new outcomes, questions and choices, and the changelog entries in between.")
        {
            oldFile,
            newFile,
        };
        diff.SetAction(parse => Diff(parse.GetValue(oldFile)!, parse.GetValue(newFile)!));

        return new Command("rulebook", "Check, print or compare rulebooks.") { check, table, diff };
    }

    private static int Check(string file)
    {
        try
        {
            var rulebook = RulebookLoader.LoadFile(file);
            Console.Out.WriteLine(
                $"{file}: valid (version {rulebook.Version}, effective {rulebook.EffectiveDate:yyyy-MM-dd}, " +
                $"{rulebook.Questions.Count} questions, {rulebook.Rules.Count} rules, {rulebook.Outcomes.Count} outcomes, {rulebook.Letters.Templates.Count} documents)");
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

    private static int Diff(string oldFile, string newFile)
    {
        RulebookOutline before, after;
        try
        {
            before = RulebookOutline.Read(oldFile);
            after = RulebookOutline.Read(newFile);
        }
        catch (RulebookValidationException ex)
        {
            Console.Error.WriteLine($"notesguard: {string.Join("; ", ex.Errors)}");
            return ExitCodes.Failed;
        }

        foreach (var line in RulebookDiff.Describe(before, after))
        {
            Console.Out.WriteLine(line);
        }

        return ExitCodes.Ok;
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
