using System.CommandLine;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Json;
using NotesGuard.Guidance.Letters;
using NotesGuard.Letters;

namespace NotesGuard.Cli.Commands;

/// <summary>
/// <c>notesguard letter KIND --outcome OUTCOME --out FILE.docx</c> (or <c>--format text</c>) writes the document of
/// that kind that fits the outcome; <c>notesguard letter --list</c> names the kinds and the outcomes each fits.
/// </summary>
internal static class LetterCommand
{
    public static Command Build(Option<FileInfo?> settings)
    {
        var kind = new Argument<string?>("KIND")
        {
            Description = $"One of: {string.Join(", ", LetterContract.Kinds)}.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var outcome = new Option<string?>("--outcome") { Description = "The outcome the document is for (see --list)." };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the Word (.docx) document." };
        var format = new Option<string>("--format")
        {
            Description = "docx (a Word document, needs --out) or text (printed).",
            DefaultValueFactory = _ => "docx",
        };
        format.AcceptOnlyFromAmong("docx", "text");
        var answers = new Option<FileInfo?>("--answers")
        {
            Description = "Optional answers JSON (as for 'advise'); only the codes are used, e.g. the requester words the reply's addressee.",
        };
        var list = new Option<bool>("--list") { Description = "Name the kinds of document and the outcomes each fits." };

        var command = new Command("letter", "Write a draft reply, report, consent form, request log or client-agreement clause from the rulebook.")
        {
            kind, outcome, output, format, answers, list,
        };
        command.SetAction(parse => Run(
            parse.GetValue(kind),
            parse.GetValue(outcome),
            parse.GetValue(output),
            parse.GetValue(format)!,
            parse.GetValue(answers),
            parse.GetValue(list),
            parse.GetValue(settings)));
        return command;
    }

    private static int Run(string? kind, string? outcome, FileInfo? output, string format, FileInfo? answersFile, bool list, FileInfo? settingsFile)
    {
        if (CliPractice.ReadSettings(settingsFile, Console.Error) is not { } settings
            || CliPractice.CreateAdvisor(settings, Console.Error) is not { } advisor)
        {
            return ExitCodes.Failed;
        }

        var letters = advisor.Rulebook.Letters;
        if (list)
        {
            foreach (var (name, outcomes) in letters.KindsWithOutcomes())
            {
                Console.Out.WriteLine($"{name}: {(outcomes.Count == 0 ? "(no outcome)" : string.Join(", ", outcomes))}");
            }

            return ExitCodes.Ok;
        }

        if (kind is null || !LetterContract.Kinds.Contains(kind, StringComparer.Ordinal))
        {
            return Invalid(kind is null ? "give a KIND" : $"unknown kind '{kind}'", $"allowed: {string.Join(", ", LetterContract.Kinds)}");
        }

        if (outcome is null || !AdviceContract.Outcomes.Contains(outcome, StringComparer.Ordinal))
        {
            return Invalid(outcome is null ? "give --outcome" : $"unknown outcome '{outcome}'", $"allowed: {string.Join(", ", AdviceContract.Outcomes)}");
        }

        if (letters.Find(kind, outcome) is null)
        {
            var fits = letters.KindsWithOutcomes().First(k => k.Kind == kind).Outcomes;
            return Invalid($"no {kind} fits outcome '{outcome}'", $"a {kind} fits: {(fits.Count == 0 ? "no outcome" : string.Join(", ", fits))}");
        }

        if (format == "docx" && output is null)
        {
            return Invalid("a Word document needs --out FILE.docx", "or use --format text");
        }

        var answers = AnswerSet.Empty;
        if (answersFile is not null)
        {
            try
            {
                answers = AnswersJson.Parse(File.ReadAllText(answersFile.FullName));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Invalid($"cannot read answers from '{answersFile.FullName}'", ex.Message);
            }
            catch (InvalidAnswerException ex)
            {
                return Invalid("invalid answers", ex.Message);
            }
        }

        var letter = LetterFiller.Fill(advisor.Rulebook, kind, outcome, answers, settings)!;
        if (format == "text")
        {
            Console.Out.Write(LetterTextRenderer.Render(letter));
            return ExitCodes.Ok;
        }

        try
        {
            File.WriteAllBytes(output!.FullName, DocxLetterWriter.Write(letter));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"notesguard: cannot write '{output!.FullName}': {ex.Message}");
            return ExitCodes.Failed;
        }

        Console.Out.WriteLine($"{output.FullName}: {letter.Title}");
        return ExitCodes.Ok;
    }

    private static int Invalid(string problem, string allowed)
    {
        Console.Error.WriteLine($"notesguard: {problem} ({allowed})");
        return ExitCodes.InvalidInput;
    }
}
