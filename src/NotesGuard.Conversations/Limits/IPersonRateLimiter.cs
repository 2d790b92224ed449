namespace NotesGuard.Conversations.Limits;

/// <summary>
/// How often one person may act on a channel. Channels ask only after they have authenticated the request (a
/// validated Teams token, a verified Slack signature), with the id that authentication vouches for, so nobody can
/// spend someone else's allowance or dodge their own by writing another id into a body.
/// </summary>
public interface IPersonRateLimiter
{
    /// <param name="channelId">The channel the endpoint serves ("msteams", "slack"), never one read from a body.</param>
    /// <param name="personId">The authenticated person: a Teams from.id, a Slack team and user.</param>
    PersonRateVerdict Check(string channelId, string personId);
}

/// <summary>
/// The answer for one request. When refused, <see cref="TellThePerson"/> is true for the first refusal in a window
/// only, so a flood earns one polite "slow down" message rather than one per request.
/// </summary>
public readonly record struct PersonRateVerdict(bool Allowed, TimeSpan RetryAfter, bool TellThePerson)
{
    public static PersonRateVerdict Allow => new(true, TimeSpan.Zero, false);

    /// <summary>Whole seconds to wait, at least one: what a Retry-After header or a chat message says.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// <summary>No per-person limit: the default when a channel is hosted without the app (its own tests).</summary>
public sealed class NoPersonRateLimit : IPersonRateLimiter
{
    public PersonRateVerdict Check(string channelId, string personId) => PersonRateVerdict.Allow;
}
