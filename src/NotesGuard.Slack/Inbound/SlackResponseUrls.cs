namespace NotesGuard.Slack.Inbound;

/// <summary>
/// A response_url comes in the (signed) request body, but NotesGuard posts the user's private replies to it: one
/// pointing anywhere but Slack's own hooks host would carry those replies to a stranger, and turn the bot into a
/// request forwarder. Only URLs under Slack:ResponseUrlBase (https://hooks.slack.com/ by default) are used.
/// </summary>
public static class SlackResponseUrls
{
    /// <summary>The URL when it is on the allowed scheme, host and port, else null (the reply then goes another way).</summary>
    public static Uri? Accept(string? value, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Uri.TryCreate(value, UriKind.Absolute, out var url) && IsAllowed(url, options) ? url : null;
    }

    public static bool IsAllowed(Uri url, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.ResponseUrlBase, UriKind.Absolute, out var allowed))
        {
            return false;
        }

        return url.IsAbsoluteUri
            && string.Equals(url.Scheme, allowed.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(url.IdnHost, allowed.IdnHost, StringComparison.OrdinalIgnoreCase)
            && url.Port == allowed.Port
            && string.IsNullOrEmpty(url.UserInfo)
            && url.AbsolutePath.StartsWith(allowed.AbsolutePath, StringComparison.Ordinal);
    }
}
