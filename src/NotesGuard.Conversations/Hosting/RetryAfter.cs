namespace NotesGuard.Conversations.Hosting;

/// <summary>What a channel API's Retry-After header asks for, for the Teams connector's and the Slack Web API's retries.</summary>
public static class RetryAfter
{
    /// <summary>
    /// The wait a response's Retry-After asks for (seconds, or an HTTP date counted from <paramref name="clock"/>'s
    /// now), never negative; null without the header.
    /// </summary>
    public static TimeSpan? Of(HttpResponseMessage? response, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - clock.GetUtcNow() : null);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
