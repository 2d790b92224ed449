namespace NotesGuard.Teams.Connector;

/// <summary>What the connector's message handlers read from a request: which conversation's pace it keeps.</summary>
internal static class ConnectorRequestOptions
{
    public static readonly HttpRequestOptionsKey<string> PacingKey = new("NotesGuard.Teams.PacingKey");
}
