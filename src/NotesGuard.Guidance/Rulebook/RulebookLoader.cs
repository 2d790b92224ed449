using System.Reflection;
using NotesGuard.Guidance.Decision;

namespace NotesGuard.Guidance.Rulebook;

/// <summary>
/// The one way to get a <see cref="RulebookDocument"/>: parse, check every code and reference, then run the
/// whole answer space to prove every outcome is reachable and every question can matter.
/// </summary>
public static class RulebookLoader
{
    public const string ShippedName = "rulebook.yaml";

    private const string ResourceName = "NotesGuard.Guidance.rulebook.yaml";

    private static readonly Lazy<RulebookDocument> Shipped = new(() => Parse(ReadShippedText(), ShippedName));

    /// <summary>The rulebook shipped inside the library, validated once per process.</summary>
    public static RulebookDocument LoadShipped() => Shipped.Value;

    /// <summary>The practice's own copy when <see cref="PracticeSettings.RulebookPath"/> is set, else the shipped one.</summary>
    public static RulebookDocument Load(PracticeSettings settings) =>
        string.IsNullOrWhiteSpace(settings.RulebookPath) ? LoadShipped() : LoadFile(settings.RulebookPath);

    public static RulebookDocument LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new RulebookValidationException([new RulebookError(path, 0, 0, "", $"cannot read the rulebook: {ex.Message}")]);
        }

        return Parse(text, path);
    }

    /// <summary>Parses and validates; throws <see cref="RulebookValidationException"/> listing every problem.</summary>
    public static RulebookDocument Parse(string yaml, string sourceName)
    {
        var (document, where, errors) = RulebookParser.Parse(yaml, sourceName);
        if (document is null || errors.Count > 0)
        {
            throw new RulebookValidationException(errors);
        }

        var space = DecisionSpace.Build(document);
        var coverageErrors = CheckCoverage(document, space, where);
        if (coverageErrors.Count > 0)
        {
            throw new RulebookValidationException(coverageErrors);
        }

        space.ForgetValidationData();
        document.Space = space;
        return document;
    }

    public static string ReadShippedText()
    {
        using var stream = typeof(RulebookLoader).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the shipped rulebook resource '{ResourceName}' is missing from {typeof(RulebookLoader).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static List<RulebookError> CheckCoverage(RulebookDocument document, DecisionSpace space, RulebookLocations where)
    {
        var errors = new List<RulebookError>();
        void Add((YamlDotNet.Core.Mark Mark, string Path) at, string message) =>
            errors.Add(new RulebookError(document.SourceName, (int)at.Mark.Line, (int)at.Mark.Column, at.Path, message));

        if (space.UnmatchedExample >= 0)
        {
            Span<int> digits = stackalloc int[space.Space.KeyCount];
            space.Space.DecodeFull(space.UnmatchedExample, digits);
            var example = new List<string>();
            for (var k = 0; k < digits.Length; k++)
            {
                example.Add($"{space.Space.Keys[k]}={space.Space.Values[k][digits[k]]}");
            }

            Add((where.Rules, "rules"), $"no rule matches the answers {string.Join(", ", example)} (add a rule that covers them)");
            return errors;
        }

        var ruleUsed = new bool[document.Rules.Count];
        var outcomeReached = new bool[document.Outcomes.Count];
        foreach (var rule in space.RuleOfFull!)
        {
            ruleUsed[rule] = true;
        }

        foreach (var result in space.Results)
        {
            outcomeReached[result.Outcome] = true;
        }

        for (var r = 0; r < ruleUsed.Length; r++)
        {
            if (!ruleUsed[r])
            {
                Add(where.RuleEntries[r], "this rule never applies: earlier rules already decide every answer it matches");
            }
        }

        for (var o = 0; o < outcomeReached.Length; o++)
        {
            if (!outcomeReached[o])
            {
                var id = document.Outcomes[o].Id;
                Add(where.Outcomes[id], $"no rule reaches outcome '{id}'");
            }
        }

        CheckDoNowOrder(document, space, where, errors);

        var asked = AskedQuestions(space);
        foreach (var question in document.Questions)
        {
            if (!asked[space.Space.KeyIndex(question.Id)])
            {
                Add(where.Questions[question.Id], $"question '{question.Id}' is never asked: no answer to it can change the guidance");
            }
        }

        return errors;
    }

    /// <summary>
    /// On every card the rulebook can produce: safeguarding-duty, when shown, is first, and the helpline step is
    /// among the "Do now" steps. Each problem is reported once per outcome with one example of the answers.
    /// </summary>
    private static void CheckDoNowOrder(RulebookDocument document, DecisionSpace space, RulebookLocations where, List<RulebookError> errors)
    {
        var reported = new HashSet<(int Outcome, string Problem)>();
        for (var r = 0; r < space.Results.Count; r++)
        {
            var result = space.Results[r];
            var outcome = document.Outcomes[result.Outcome];
            var codes = new List<string>();
            for (var s = 0; s < outcome.Steps.Count; s++)
            {
                if ((result.Steps & (1UL << s)) != 0)
                {
                    codes.Add(outcome.Steps[s].Code);
                }
            }

            var doNow = Math.Min(document.DoNow, codes.Count);
            var helpline = codes.IndexOf(AdviceContract.HelplineStep);
            var safeguarding = codes.IndexOf(AdviceContract.SafeguardingStep);
            if (helpline >= doNow && reported.Add((result.Outcome, "helpline")))
            {
                Report($"'{AdviceContract.HelplineStep}' must be among the first {doNow} ('Do now') steps of '{outcome.Id}', but is step {helpline + 1}");
            }

            if (safeguarding > 0 && reported.Add((result.Outcome, "safeguarding")))
            {
                Report($"'{AdviceContract.SafeguardingStep}' must be the first step of '{outcome.Id}' whenever it is shown, but is step {safeguarding + 1}");
            }

            void Report(string message)
            {
                var at = where.Outcomes[outcome.Id];
                errors.Add(new RulebookError(
                    document.SourceName, (int)at.Mark.Line, (int)at.Mark.Column, $"{at.Path}.steps", $"{message} (e.g. for {ExampleAnswers(space, r)})"));
            }
        }
    }

    private static string ExampleAnswers(DecisionSpace space, int result)
    {
        for (var full = 0; full < space.Space.FullSize; full++)
        {
            if (space.ResultOfFull(full) == result)
            {
                Span<int> digits = stackalloc int[space.Space.KeyCount];
                space.Space.DecodeFull(full, digits);
                var example = new List<string>();
                for (var k = 0; k < digits.Length; k++)
                {
                    example.Add($"{space.Space.Keys[k]}={space.Space.Values[k][digits[k]]}");
                }

                return string.Join(", ", example);
            }
        }

        return "no answers";
    }

    /// <summary>Every key that some walkthrough from no answers asks.</summary>
    private static bool[] AskedQuestions(DecisionSpace space)
    {
        var asked = new bool[space.Space.KeyCount];
        var seen = new HashSet<int>();
        var pending = new Stack<int>();
        pending.Push(space.Empty);
        while (pending.Count > 0)
        {
            var partial = pending.Pop();
            if (!seen.Add(partial))
            {
                continue;
            }

            var key = space.NextQuestion(partial);
            if (key < 0)
            {
                continue;
            }

            asked[key] = true;
            for (var v = 0; v < space.Space.Radix[key]; v++)
            {
                pending.Push(space.Space.WithAnswer(partial, key, v));
            }
        }

        return asked;
    }
}
