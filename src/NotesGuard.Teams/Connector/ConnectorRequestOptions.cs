namespace NotesGuard.Teams.Connector;

/// <summary>What the connector's message handlers read from a request: which conversation's pace it keeps.</summary>
internal static class ConnectorRequestOptions
{
    public static readonly HttpRequestOptionsKey<string> PacingKey = new("NotesGuard.Teams.PacingKey");

    /// <summary>
    /// Set on a call whose failure costs nothing but a cosmetic (the typing indicator): one try under
    /// <see cref="BestEffortTimeout"/>, never retried, so a throttled or stalled call cannot hold up the replies
    /// sent after it.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> BestEffort = new("NotesGuard.Teams.BestEffort");

    public static readonly TimeSpan BestEffortTimeout = TimeSpan.FromSeconds(5);
}
