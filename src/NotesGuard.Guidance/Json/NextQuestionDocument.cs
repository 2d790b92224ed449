namespace NotesGuard.Guidance.Json;

/// <summary><c>{"nextQuestion":{…},"progress":{…}}</c>: the contract's shape for incomplete answers.</summary>
internal sealed record NextQuestionDocument(QuestionDocument NextQuestion, QuestionProgress? Progress);

/// <summary>A question on the wire: id, text, why and choices (value and title only).</summary>
internal sealed record QuestionDocument(string Id, string Text, string Why, IReadOnlyList<ChoiceDocument> Choices)
{
    public static QuestionDocument From(Question question) =>
        new(question.Id, question.Text, question.Why, [.. question.Choices.Select(c => new ChoiceDocument(c.Value, c.Title))]);
}

internal sealed record ChoiceDocument(string Value, string Title);

/// <summary>"Question <see cref="Number"/> of about <see cref="EstimatedTotal"/>".</summary>
public sealed record QuestionProgress(int Number, int EstimatedTotal);
