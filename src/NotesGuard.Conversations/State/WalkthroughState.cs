using System.Text.Json.Serialization;
using NotesGuard.Conversations.Dialogs.Waterfall;

namespace NotesGuard.Conversations.State;

/// <summary>
/// One person's walkthrough as stored: the case id, the answers as contract codes in the order given (which is
/// also the back-history), and the dialog position. Never typed text, never names.
/// </summary>
public sealed class WalkthroughState : IWaterfallState
{
    /// <summary>Bump when the stored shape changes; older records are read through <see cref="WalkthroughStateSerializer"/>.</summary>
    /// <remarks>2: the dialog position is the step's name ("n"), not its index ("s", format 1).</remarks>
    public const int CurrentFormat = 2;

    [JsonPropertyName("f")]
    public int Format { get; set; } = CurrentFormat;

    /// <summary>Identifies this walkthrough on buttons, so clicks on an earlier case's cards are recognised.</summary>
    [JsonPropertyName("c")]
    public string CaseId { get; set; } = "";

    [JsonPropertyName("n")]
    public string? StepName { get; set; }

    /// <summary>Format 1's step index, read only to carry an older record over (<see cref="WalkthroughStateSerializer"/>).</summary>
    [JsonPropertyName("s")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int? LegacyStepIndex { get; set; }

    [JsonPropertyName("p")]
    public string? PendingPromptId { get; set; }

    /// <summary>The question the pending prompt asks, when it asks one.</summary>
    [JsonPropertyName("q")]
    public string? PendingQuestionId { get; set; }

    [JsonPropertyName("a")]
    public List<GivenAnswer> Answers { get; set; } = [];

    public string? AnswerTo(string questionId) => Answers.Find(a => a.QuestionId == questionId)?.Value;
}

/// <summary>One answer: the question id and the contract code chosen.</summary>
public sealed record GivenAnswer(
    [property: JsonPropertyName("q")] string QuestionId,
    [property: JsonPropertyName("v")] string Value);
