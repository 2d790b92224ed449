namespace NotesGuard.Conversations.Hosting;

/// <summary>
/// Reads a request body up to a limit, so an oversized payload is refused (413) without being buffered whole. The
/// one reader every endpoint uses (Teams, Slack, web chat, advice and broadcast APIs).
/// </summary>
public static class BoundedBody
{
    /// <summary>The body, or null when the declared length or the bytes read exceed <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? contentLength, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (contentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream(contentLength is { } length ? (int)length : 1024);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
