using System.Text.Json;

namespace NotesGuard.Conversations.State;

/// <summary>
/// Stored bytes ↔ <see cref="WalkthroughState"/>. A record in a format this version does not know (written by
/// a newer release, or damaged) reads as no walkthrough rather than failing the turn. A format-1 record (the
/// position as a step index) is carried over by naming the step that index meant in format 1.
/// </summary>
public static class WalkthroughStateSerializer
{
    /// <summary>The walkthrough's steps in the order format 1 counted them; frozen, whatever the dialog does later.</summary>
    private static readonly string[] Format1Steps =
        ["AskNextQuestionStep", "RecordAnswerStep", "ReviewAnswersStep", "ApplyReviewChoiceStep", "ShowGuidanceStep", "StartNewCaseStep"];

    public static byte[] Serialize(WalkthroughState state) =>
        JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.WalkthroughState);

    public static WalkthroughState? Deserialize(byte[] data)
    {
        try
        {
            var state = JsonSerializer.Deserialize(data, StateJsonContext.Default.WalkthroughState);
            if (state is { Format: 1, LegacyStepIndex: { } index } && state.StepName is null)
            {
                state.StepName = index >= 0 && index < Format1Steps.Length ? Format1Steps[index] : "";
                state.LegacyStepIndex = null;
                state.Format = WalkthroughState.CurrentFormat;
            }

            return state is { Format: WalkthroughState.CurrentFormat } && state.CaseId.Length > 0 ? state : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
