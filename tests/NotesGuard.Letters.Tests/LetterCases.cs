using NotesGuard.Guidance;
using NotesGuard.Guidance.Letters;
using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Letters.Tests;

/// <summary>Every (kind, outcome) pair the shipped rulebook offers a document for, filled as the chat would fill it.</summary>
internal static class LetterCases
{
    public static RulebookDocument Rulebook => RulebookLoader.LoadShipped();

    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (var (kind, outcomes) in Rulebook.Letters.KindsWithOutcomes())
        {
            foreach (var outcome in outcomes)
            {
                data.Add(kind, outcome);
            }
        }

        return data;
    }

    public static FilledLetter Fill(string kind, string outcome, PracticeSettings? settings = null, AnswerSet? answers = null) =>
        LetterFiller.Fill(Rulebook, kind, outcome, answers ?? AnswerSet.Empty, settings ?? new PracticeSettings())
        ?? throw new InvalidOperationException($"test setup: no {kind} fits {outcome}");
}
