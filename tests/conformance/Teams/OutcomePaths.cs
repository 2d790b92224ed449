using NotesGuard.Guidance;

namespace NotesGuard.Conformance.Tests.Teams;

/// <summary>One way through the questions: each question asked, in order, with the choice taken.</summary>
public sealed record WalkthroughPath(string Outcome, IReadOnlyList<(Question Question, Choice Choice)> Steps, Advice Advice)
{
    public string ChoiceFor(string questionId) => Steps.Single(s => s.Question.Id == questionId).Choice.Value;

    public override string ToString() => $"{Outcome}: {string.Join(", ", Steps.Select(s => $"{s.Question.Id}={s.Choice.Value}"))}";
}

/// <summary>
/// Finds, with the real advisor, a path to every outcome: for each outcome the path whose guidance has the
/// most steps (the biggest card), with and without a safeguarding concern.
/// </summary>
public static class OutcomePaths
{
    public static IReadOnlyList<WalkthroughPath> All(IAdvisor advisor)
    {
        var best = new Dictionary<(string Outcome, bool Safeguarding), WalkthroughPath>();
        foreach (var path in Explore(advisor, AnswerSet.Empty, []))
        {
            var key = (path.Outcome, path.Steps.Any(s => s.Question.Id == "safeguardingConcern" && s.Choice.Value == "yes"));
            if (!best.TryGetValue(key, out var current) || path.Advice.Steps.Count > current.Advice.Steps.Count)
            {
                best[key] = path;
            }
        }

        return [.. best.Values.OrderBy(p => p.Outcome, StringComparer.Ordinal).ThenBy(p => p.Steps.Count)];
    }

    public static WalkthroughPath To(IAdvisor advisor, string outcome) =>
        All(advisor).Where(p => p.Outcome == outcome).MinBy(p => p.Steps.Count)!;

    private static IEnumerable<WalkthroughPath> Explore(IAdvisor advisor, AnswerSet answers, List<(Question, Choice)> steps)
    {
        var response = advisor.Advise(answers);
        if (response.Result is { } advice)
        {
            yield return new WalkthroughPath(advice.Outcome, [.. steps], advice);
            yield break;
        }

        var question = response.NextQuestion!;
        foreach (var choice in question.Choices)
        {
            steps.Add((question, choice));
            foreach (var path in Explore(advisor, answers.With(question.Id, choice.Value), steps))
            {
                yield return path;
            }

            steps.RemoveAt(steps.Count - 1);
        }
    }
}
