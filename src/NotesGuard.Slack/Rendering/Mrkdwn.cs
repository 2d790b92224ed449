using System.Text;

namespace NotesGuard.Slack.Rendering;

/// <summary>
/// Slack mrkdwn from plain text. Every string that is not ours (rulebook wording, names, anything a user typed)
/// goes through <see cref="Escape"/>, so "&lt;!channel&gt;" or a forged link can never be injected.
/// </summary>
public static class Mrkdwn
{
    /// <summary>
    /// What a person typed, from the text Slack sends (which escapes &amp; &lt; &gt; itself), so it can be escaped
    /// again like any text on the way out instead of showing "&amp;amp;". Mentions and links stay in their markup.
    /// </summary>
    public static string? Unescape(string? text) =>
        text is null || !text.Contains('&', StringComparison.Ordinal)
            ? text
            : text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    /// <summary>Slack's three control characters, as Slack documents them: &amp; &lt; &gt;.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>A link &lt;url|title&gt;; only http(s) URLs become links, anything else is shown as text.</summary>
    public static string Link(string url, string title)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return Escape(title);
        }

        // The link syntax ends at '|' and '>'; percent-encode them in the URL, escape the rest like text.
        var safeUrl = Escape(uri.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal));
        var safeTitle = Escape(title).Replace("|", "¦", StringComparison.Ordinal);
        return $"<{safeUrl}|{safeTitle}>";
    }

    public static string Bold(string text) => $"*{Escape(text)}*";
}
