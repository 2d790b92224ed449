using System.Text.Json;

namespace NotesGuard.Conversations.State;

/// <summary>
/// Stored bytes ↔ <see cref="WalkthroughState"/>. A record in a format this version does not know (written by
/// a newer release, or damaged) reads as no walkthrough rather than failing the turn.
/// </summary>
public static class WalkthroughStateSerializer
{
    public static byte[] Serialize(WalkthroughState state) =>
        JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.WalkthroughState);

    public static WalkthroughState? Deserialize(byte[] data)
    {
        try
        {
            var state = JsonSerializer.Deserialize(data, StateJsonContext.Default.WalkthroughState);
            return state is { Format: WalkthroughState.CurrentFormat } && state.CaseId.Length > 0 ? state : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
