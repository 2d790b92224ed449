using System.CommandLine;
using NotesGuard.Cli.Rendering;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Json;

namespace NotesGuard.Cli.Commands;

/// <summary><c>notesguard advise [FILE|-] [--format json|text]</c>: answers JSON in, the contract's result out.</summary>
internal static class AdviseCommand
{
    public static Command Build(Option<FileInfo?> settings)
    {
        var input = new Argument<string>("FILE")
        {
            Description = "A JSON file of answers, e.g. {\"jurisdiction\":\"england-wales\"}; '-' or nothing reads standard input.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "-",
        };
        var format = new Option<string>("--format")
        {
            Description = "json (the advice contract's shape) or text (readable).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "text");
        var sources = StepSourcesOption.Create();

        var command = new Command("advise", "Give the guidance (or the next question) for a set of answers.") { input, format, sources };
        command.SetAction(parse => Run(parse.GetValue(input)!, parse.GetValue(format)!, parse.GetValue(sources), parse.GetValue(settings)));
        return command;
    }

    private static int Run(string input, string format, bool stepSources, FileInfo? settingsFile)
    {
        string json;
        try
        {
            json = input == "-" ? Console.In.ReadToEnd() : File.ReadAllText(input);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"notesguard: cannot read answers from '{input}': {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        AnswerSet answers;
        try
        {
            answers = AnswersJson.Parse(json);
        }
        catch (InvalidAnswerException ex)
        {
            Console.Error.WriteLine($"notesguard: invalid answers: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        if (CliPractice.CreateAdvisor(settingsFile, Console.Error) is not { } advisor)
        {
            return ExitCodes.Failed;
        }

        var response = advisor.Advise(answers);
        var progress = AdviceJson.ProgressFor(advisor, answers, response);
        if (format == "json")
        {
            Console.Out.WriteLine(AdviceJson.Serialize(response, progress, indented: true));
        }
        else
        {
            var view = new GuidanceView(ConsoleFactory.Create(), stepSources);
            if (response.Result is { } advice)
            {
                view.Card(advice);
            }
            else
            {
                view.Question(response.NextQuestion!, progress!);
            }
        }

        return ExitCodes.Ok;
    }
}
