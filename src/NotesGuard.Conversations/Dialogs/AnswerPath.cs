using NotesGuard.Conversations.State;
using NotesGuard.Guidance;

namespace NotesGuard.Conversations.Dialogs;

/// <summary>
/// The answers as a path through the advisor's questions. After an answer changes, answers to questions the
/// advisor would no longer ask are dropped, and the rest are put in the order the walkthrough asks them, so
/// the review, "back" and the card follow the path actually taken.
/// </summary>
internal static class AnswerPath
{
    public static AnswerSet AnswersOf(IEnumerable<GivenAnswer> answers) =>
        AnswerSet.From(answers.Select(a => KeyValuePair.Create(a.QuestionId, a.Value)));

    public static void KeepOnlyAnswersStillAsked(IAdvisor advisor, List<GivenAnswer> answers)
    {
        var given = answers.ToDictionary(a => a.QuestionId, a => a.Value, StringComparer.Ordinal);
        if (TryWalkAll(advisor, given, answers))
        {
            return;
        }

        foreach (var questionId in given.Keys.ToList())
        {
            if (!StillAsked(advisor, questionId, given))
            {
                given.Remove(questionId);
            }
        }

        var ordered = new List<GivenAnswer>(given.Count);
        var walked = AnswerSet.Empty;
        while (advisor.Advise(walked) is { IsComplete: false, NextQuestion: { } next } && given.TryGetValue(next.Id, out var value))
        {
            ordered.Add(new GivenAnswer(next.Id, value));
            walked = walked.With(next.Id, value);
        }

        ordered.AddRange(answers.Where(a => given.ContainsKey(a.QuestionId) && !walked.ContainsKey(a.QuestionId)));
        answers.Clear();
        answers.AddRange(ordered);
    }

    /// <summary>
    /// The usual case, in one walk: following the given answers from the start reaches every one of them, so each is
    /// still asked (every per-question walk below would be a prefix of this one) and the walk's order is the path.
    /// Without it each typed answer cost a walk per answer, each step copying the answers so far.
    /// </summary>
    private static bool TryWalkAll(IAdvisor advisor, Dictionary<string, string> given, List<GivenAnswer> answers)
    {
        var ordered = new List<GivenAnswer>(given.Count);
        var walked = AnswerSet.Empty;
        while (ordered.Count < given.Count
            && advisor.Advise(walked) is { IsComplete: false, NextQuestion: { } next }
            && given.TryGetValue(next.Id, out var value))
        {
            ordered.Add(new GivenAnswer(next.Id, value));
            walked = walked.With(next.Id, value);
        }

        if (ordered.Count != given.Count)
        {
            return false;
        }

        answers.Clear();
        answers.AddRange(ordered);
        return true;
    }

    /// <summary>
    /// Whether the walkthrough would still reach <paramref name="questionId"/> given the other answers. When it
    /// stops first at a question not answered yet, the answer is kept: the new branch may still need it.
    /// </summary>
    private static bool StillAsked(IAdvisor advisor, string questionId, Dictionary<string, string> given)
    {
        var walked = AnswerSet.Empty;
        while (advisor.Advise(walked) is { IsComplete: false, NextQuestion: { } next })
        {
            if (next.Id == questionId || !given.TryGetValue(next.Id, out var value))
            {
                return true;
            }

            walked = walked.With(next.Id, value);
        }

        return false;
    }
}
