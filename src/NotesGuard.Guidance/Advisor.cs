using NotesGuard.Guidance.Decision;
using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Guidance;

/// <summary>
/// The decision model over a validated rulebook. Every response object is built once when the advisor is
/// created; <see cref="Advise"/> encodes the answers, looks up a memoised analysis and returns a shared,
/// immutable response, so a turn allocates nothing and does no I/O.
/// </summary>
public sealed class Advisor : IAdvisor
{
    private readonly DecisionSpace _space;
    private readonly AdviceResponse[] _questionResponses;
    private readonly AdviceResponse[] _resultResponses;
    private readonly Dictionary<string, Question> _questions;

    private Advisor(RulebookDocument rulebook, PracticeSettings settings)
    {
        Rulebook = rulebook;
        _space = rulebook.Space;
        _questions = rulebook.Questions.ToDictionary(q => q.Id, StringComparer.Ordinal);
        _questionResponses = new AdviceResponse[_space.Space.KeyCount];
        foreach (var question in rulebook.Questions)
        {
            _questionResponses[_space.Space.KeyIndex(question.Id)] = new AdviceResponse(question, null);
        }

        var cards = new AdviceCardBuilder(rulebook, settings);
        _resultResponses = [.. _space.Results.Select(r => new AdviceResponse(null, cards.Build(r)))];
    }

    /// <summary>Loads the practice's rulebook (or the shipped one) and checks the settings; both fail loudly.</summary>
    public static Advisor Create(PracticeSettings settings)
    {
        PracticeSettingsValidation.EnsureValid(settings);
        return new Advisor(RulebookLoader.Load(settings), settings);
    }

    public static Advisor Create(RulebookDocument rulebook, PracticeSettings settings)
    {
        PracticeSettingsValidation.EnsureValid(settings);
        return new Advisor(rulebook, settings);
    }

    public RulebookDocument Rulebook { get; }

    public string RulebookVersion => Rulebook.Version;

    public IReadOnlyList<Question> Questions => Rulebook.Questions;

    public AdviceResponse Advise(AnswerSet answers)
    {
        var partial = _space.Space.EncodePartial(answers);
        var key = _space.NextQuestion(partial);
        return key >= 0 ? _questionResponses[key] : _resultResponses[_space.Analyse(partial).Result];
    }

    public int EstimateTotalQuestions(AnswerSet answers) =>
        answers.Count + _space.MaxRemaining(_space.Space.EncodePartial(answers));

    public Question GetQuestion(string id) =>
        _questions.TryGetValue(id, out var question) ? question : throw InvalidAnswerException.UnknownKey(id);

    /// <summary>
    /// Every walkthrough from no answers to a result, with the answers in the order they were asked: the
    /// decision table a practice reviews.
    /// </summary>
    public IEnumerable<Walkthrough> Walkthroughs()
    {
        var path = new List<KeyValuePair<string, string>>();
        return Walk(_space.Empty, path);
    }

    private IEnumerable<Walkthrough> Walk(int partial, List<KeyValuePair<string, string>> path)
    {
        var key = _space.NextQuestion(partial);
        if (key < 0)
        {
            yield return new Walkthrough([.. path], _resultResponses[_space.Analyse(partial).Result].Result!);
            yield break;
        }

        for (var v = 0; v < _space.Space.Radix[key]; v++)
        {
            path.Add(new(_space.Space.Keys[key], _space.Space.Values[key][v]));
            foreach (var row in Walk(_space.Space.WithAnswer(partial, key, v), path))
            {
                yield return row;
            }

            path.RemoveAt(path.Count - 1);
        }
    }
}
