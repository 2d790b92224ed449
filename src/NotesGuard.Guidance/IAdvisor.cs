namespace NotesGuard.Guidance;

/// <summary>
/// The decision model behind every surface: answers in, the next question or the advice out.
/// Implementations are thread-safe and do no I/O per call (the rulebook is parsed once).
/// </summary>
public interface IAdvisor
{
    string RulebookVersion { get; }

    /// <summary>Every question the rulebook defines, in the order they are asked.</summary>
    IReadOnlyList<Question> Questions { get; }

    AdviceResponse Advise(AnswerSet answers);

    /// <summary>
    /// An estimate of how many questions a walkthrough with these answers asks in all (asked so far plus the
    /// most that may still come), for "question 3 of about 6".
    /// </summary>
    int EstimateTotalQuestions(AnswerSet answers);

    /// <summary>The rulebook's wording of a question, for "why?" and for review screens.</summary>
    Question GetQuestion(string id);
}
