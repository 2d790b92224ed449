using System.Text.Json;

namespace NotesGuard.Guidance.Json;

/// <summary>
/// Writes an <see cref="AdviceResponse"/> as the advice contract's JSON, identically for the CLI, the web
/// API and any other surface: the result object, or <c>{"nextQuestion":…}</c>.
/// </summary>
public static class AdviceJson
{
    public static string Serialize(AdviceResponse response, QuestionProgress? progress = null, bool indented = false) =>
        response.Result is { } advice
            ? JsonSerializer.Serialize(advice, (indented ? AdviceJsonContext.ReadableIndented : AdviceJsonContext.Readable).Advice)
            : JsonSerializer.Serialize(
                new NextQuestionDocument(QuestionDocument.From(response.NextQuestion!), progress),
                (indented ? AdviceJsonContext.ReadableIndented : AdviceJsonContext.Readable).NextQuestionDocument);

    public static void Write(Utf8JsonWriter writer, AdviceResponse response, QuestionProgress? progress = null)
    {
        if (response.Result is { } advice)
        {
            JsonSerializer.Serialize(writer, advice, AdviceJsonContext.Readable.Advice);
        }
        else
        {
            JsonSerializer.Serialize(
                writer,
                new NextQuestionDocument(QuestionDocument.From(response.NextQuestion!), progress),
                AdviceJsonContext.Readable.NextQuestionDocument);
        }
    }

    /// <summary>The progress line for a response, from the advisor's estimate; null once the advice is complete.</summary>
    public static QuestionProgress? ProgressFor(IAdvisor advisor, AnswerSet answers, AdviceResponse response) =>
        response.IsComplete ? null : new QuestionProgress(answers.Count + 1, advisor.EstimateTotalQuestions(answers));
}
