using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NotesGuard.Guidance;

namespace NotesGuard.Bot.Letters;

/// <summary>What a download link stands for: codes only (kind, outcome, answer codes), never typed text.</summary>
public sealed record LetterLink(string Kind, string Outcome, AnswerSet Answers, DateTimeOffset ExpiresAt);

/// <summary>
/// Short-lived, unguessable download links: a 256-bit random token, held only as its SHA-256 hash, that expires
/// after <see cref="LetterLinkOptions.LinkLifetimeMinutes"/>. Links live in this instance's memory, so behind a
/// load balancer a link works on the instance that offered it (sticky sessions) — see docs/letters.md.
/// </summary>
public sealed class LetterLinks(IOptions<LetterLinkOptions> options, TimeProvider clock)
{
    private const int TokenBytes = 32;

    private readonly ConcurrentDictionary<string, LetterLink> _links = new(StringComparer.Ordinal);

    /// <summary>A new token for the document, or null when too many links are live.</summary>
    public string? Create(string kind, string outcome, AnswerSet answers)
    {
        var now = clock.GetUtcNow();
        if (_links.Count >= options.Value.MaxLiveLinks)
        {
            Purge(now);
            if (_links.Count >= options.Value.MaxLiveLinks)
            {
                return null;
            }
        }

        var token = Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));
        _links[Hash(token)] = new LetterLink(kind, outcome, answers, now.AddMinutes(options.Value.LinkLifetimeMinutes));
        return token;
    }

    /// <summary>The link's document while it is live; null for an unknown, malformed or expired token.</summary>
    public LetterLink? Find(string token)
    {
        if (token.Length != 43 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        var key = Hash(token);
        if (!_links.TryGetValue(key, out var link))
        {
            return null;
        }

        if (link.ExpiresAt <= clock.GetUtcNow())
        {
            _links.TryRemove(key, out _);
            return null;
        }

        return link;
    }

    private void Purge(DateTimeOffset now)
    {
        foreach (var (key, link) in _links)
        {
            if (link.ExpiresAt <= now)
            {
                _links.TryRemove(key, out _);
            }
        }
    }

    // Only the hash is kept, so a memory dump does not hand out working links.
    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
