namespace NotesGuard.Slack;

/// <summary>
/// The bot scopes NotesGuard needs, no more; the manifest lists exactly these and the OAuth install asks for them.
/// channels:read and groups:read bring the member_joined_channel / channel_left / group_left events, so a
/// practice broadcast knows which channels NotesGuard is in (ids only; it never reads channel messages). files:write
/// uploads a document someone asked for ("Send the Word file here"); NotesGuard never reads files.
/// </summary>
public static class SlackScopes
{
    public static readonly IReadOnlyList<string> Bot =
        ["app_mentions:read", "channels:read", "chat:write", "commands", "files:write", "groups:read", "im:history", "im:read", "im:write"];
}
