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

/// <summary>
/// The Events API subscriptions NotesGuard acts on (SlackEventsEndpoint), as the app manifest names them
/// (<c>message.im</c> is the <c>message</c> event in a direct message). The manifest subscribes to exactly these:
/// an event the code handles but the manifest leaves out is never sent (a workspace that uninstalls would keep its
/// stored token), and one the manifest adds but the code ignores is traffic for nothing.
/// </summary>
public static class SlackEvents
{
    public static readonly IReadOnlyList<string> Subscribed =
        ["app_home_opened", "app_mention", "app_uninstalled", "channel_left", "group_left", "member_joined_channel", "message.im", "tokens_revoked"];
}
