namespace NotesGuard.Slack.Rendering;

/// <summary>
/// What the review modal must remember (in its private_metadata) to act in the right conversation when it is
/// submitted or an answer is changed: where the walkthrough runs and the engine's confirm value.
/// </summary>
public sealed record ReviewModalMetadata(string TeamId, string ChannelId, string? ThreadTs, string ConfirmValue);
