namespace NotesGuard.Slack.WebApi;

/// <summary>What the Web API client's message handlers read from, and write to, a request.</summary>
internal static class SlackRequestOptions
{
    /// <summary>The Web API method ("chat.postMessage"), for logs and metrics; never the URL (a response_url is a credential).</summary>
    public static readonly HttpRequestOptionsKey<string> Method = new("NotesGuard.Slack.Method");

    /// <summary>The workspace's bot token, put on the request as a bearer by <see cref="SlackBearerHandler"/>.</summary>
    public static readonly HttpRequestOptionsKey<string> Token = new("NotesGuard.Slack.Token");

    /// <summary>How many times the request actually went out, so a give-up is logged with its true attempt count.</summary>
    public static readonly HttpRequestOptionsKey<int> Attempts = new("NotesGuard.Slack.Attempts");

    /// <summary>
    /// Set on a request Slack must see at most once (oauth.v2.access: its code works once): retried only when it was
    /// refused unread (429) or never sent (no connection), not after an error or a timeout once it had gone out.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> AtMostOnce = new("NotesGuard.Slack.AtMostOnce");
}
