using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NotesGuard.Bot.WebChat;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.State;
using NotesGuard.Guidance;

namespace NotesGuard.Bot.Letters;

/// <summary>What a download link stands for: codes only (kind, outcome, answer codes), never typed text.</summary>
public sealed record LetterLink(string Kind, string Outcome, AnswerSet Answers);

/// <summary>
/// Short-lived, unguessable download links: a 256-bit random token, stored only as its SHA-256 hash in the shared
/// state store (<see cref="RecordKind.LetterLink"/>), so any instance behind a load balancer serves a link another
/// offered. The record lives for <see cref="LetterLinkOptions.LinkLifetimeMinutes"/>, belongs to the person it was
/// offered to ("forget me" deletes it) and holds the kind, outcome and answer codes and the SHA-256 hash of the
/// owner's id only. A download (<see cref="FindAsync"/>) is a bearer link; the in-chat actions
/// (<see cref="FindOwnedAsync"/>) answer only the owner, in the channel the link was offered in.
/// </summary>
public sealed class LetterLinks(IStateStore store, IOptions<LetterLinkOptions> options)
{
    private const int TokenBytes = 32;
    private const int TokenLength = 43;

    /// <summary>
    /// The channels that offer links. "Forget me" deletes by channel and owner, so a link is stored under the channel
    /// it was offered in; the token alone does not say which, so a download looks in each (at most three reads).
    /// </summary>
    private static readonly string[] OfferingChannels = [WebChatEndpoints.ChannelId, PracticeTarget.Teams, PracticeTarget.Slack];

    /// <summary>A new token for the document offered to <paramref name="owner"/> in <paramref name="channelId"/>; null when it could not be stored.</summary>
    public async Task<string?> CreateAsync(string channelId, string owner, string kind, string outcome, AnswerSet answers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var token = Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));
        var key = new StateKey(channelId, Hash(token), "");
        var lifetime = TimeSpan.FromMinutes(options.Value.LinkLifetimeMinutes);
        var etag = await store.TryWriteAsync(RecordKind.LetterLink, key, owner, Serialize(kind, outcome, answers, Hash(owner)), expectedETag: null, lifetime, cancellationToken).ConfigureAwait(false);
        return etag is null ? null : token;
    }

    /// <summary>
    /// The link's document while it is live, for a download: whoever holds the token (a short-lived bearer link);
    /// null for an unknown, malformed or expired token.
    /// </summary>
    public async Task<LetterLink?> FindAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormed(token))
        {
            return null;
        }

        var hash = Hash(token);
        foreach (var channel in OfferingChannels)
        {
            if (await store.ReadAsync(RecordKind.LetterLink, new StateKey(channel, hash, ""), cancellationToken).ConfigureAwait(false) is { } stored)
            {
                return Deserialize(stored.Data)?.Link;
            }
        }

        return null;
    }

    /// <summary>
    /// The link's document for an in-chat action ("Read it here", "Send the Word file here"): only when
    /// <paramref name="owner"/> is the person it was offered to and <paramref name="channelId"/> the channel it was
    /// offered in. A button in a group conversation is pressed by anyone in it, and a token copied into another
    /// channel must not answer there; anything else reads as null, exactly like an unknown or expired token, so
    /// nobody learns whether the token exists.
    /// </summary>
    public async Task<LetterLink?> FindOwnedAsync(string token, string channelId, string owner, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormed(token) || !OfferingChannels.Contains(channelId))
        {
            return null;
        }

        if (await store.ReadAsync(RecordKind.LetterLink, new StateKey(channelId, Hash(token), ""), cancellationToken).ConfigureAwait(false) is not { } stored
            || Deserialize(stored.Data) is not { OwnerHash: { } ownerHash } found)
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ownerHash), Encoding.ASCII.GetBytes(Hash(owner))) ? found.Link : null;
    }

    private static bool IsWellFormed(string token) =>
        token.Length == TokenLength && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static byte[] Serialize(string kind, string outcome, AnswerSet answers, string ownerHash)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", kind);
            json.WriteString("outcome", outcome);
            json.WriteStartObject("answers");
            foreach (var (question, answer) in answers)
            {
                json.WriteString(question, answer);
            }

            json.WriteEndObject();
            // The hash, not the id: the owner column already names the person for "forget me"; the data needs only
            // to tell whether a clicker is that person.
            json.WriteString("ownerHash", ownerHash);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A record this code wrote; one that no longer reads as codes of today's contract (a rulebook change) is no link.
    /// A record written before links carried their owner's hash has none, and so serves downloads only.
    /// </summary>
    private static (LetterLink Link, string? OwnerHash)? Deserialize(byte[] data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            var answers = AnswerSet.From(root.GetProperty("answers").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)));
            var ownerHash = root.TryGetProperty("ownerHash", out var owner) ? owner.GetString() : null;
            return (new LetterLink(root.GetProperty("kind").GetString()!, root.GetProperty("outcome").GetString()!, answers), ownerHash);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or InvalidAnswerException)
        {
            return null;
        }
    }

    // Only the hash is stored, so the store's contents do not hand out working links (nor, in the data, name the owner).
    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
