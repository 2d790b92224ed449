namespace NotesGuard.Slack;

/// <summary>The bot scopes NotesGuard needs, no more; the manifest lists exactly these and the OAuth install asks for them.</summary>
public static class SlackScopes
{
    public static readonly IReadOnlyList<string> Bot =
        ["app_mentions:read", "chat:write", "commands", "im:history", "im:read", "im:write"];
}
