using System.Buffers;

namespace NotesGuard.Conversations.Hosting;

/// <summary>
/// Reads a request body up to a limit, so an oversized payload is refused (413) without being buffered whole. The
/// one reader every endpoint uses (Teams, Slack, web chat, advice and broadcast APIs).
/// </summary>
public static class BoundedBody
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>The body, or null when the declared length or the bytes read exceed <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? contentLength, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (contentLength > maxBytes)
        {
            return null;
        }

        // The usual request declares a small length: read it straight into an array of that size (one allocation a
        // request, not a 16 KB chunk, a growing buffer and a copy). Only up to a chunk's size: a declared length is
        // the sender's word, and holding a limit's worth of memory (a megabyte for Slack) for every request that
        // declares one and then sends nothing would let anyone who can open connections fill the memory. Longer
        // bodies grow with the bytes that actually arrive.
        byte[]? exact = null;
        var filled = 0;
        if (contentLength is > 0 and <= ChunkBytes and var declared)
        {
            exact = new byte[(int)declared];
            while (filled < exact.Length)
            {
                var read = await body.ReadAsync(exact.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    // Shorter than declared (a server would have refused it; a test stream may not): what came.
                    return exact[..filled];
                }

                filled += read;
            }
        }

        // No length declared (chunked), one over a chunk, or more bytes than declared: read on, in pooled chunks, up to
        // the limit.
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var clear = true;
        try
        {
            var first = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (first == 0)
            {
                // The usual end: a read that returned nothing wrote nothing, so the chunk needs no clearing.
                clear = false;
                return exact ?? [];
            }

            using var buffer = new MemoryStream(Math.Max(filled + first, 1024));
            buffer.Write(exact ?? [], 0, filled);
            for (var read = first; read > 0; read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false))
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        finally
        {
            // A request's bytes (a message someone typed) are not left in a shared buffer for whoever rents it next,
            // even from a read that failed after filling part of it.
            ArrayPool<byte>.Shared.Return(chunk, clearArray: clear);
        }
    }
}
