using System.Security.Cryptography;
using System.Text;

namespace NotesGuard.Conversations.Practice;

/// <summary>The broadcast API key: configuration holds only its hash, and a presented key is compared in constant time.</summary>
public static class PracticeApiKey
{
    /// <summary>"sha256:" and the lower-case hex SHA-256 of the key's UTF-8 bytes.</summary>
    public static string Hash(string key) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new random key: 32 bytes, URL-safe base64 (so guessing it is hopeless and a fast hash is enough).</summary>
    public static string Create() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The shortest key accepted, when one is made (`notesguard practice hash-key`) and when one is presented.</summary>
    public const int MinimumLength = 16;

    /// <summary>
    /// The hash of no key at all: what `printf %s "$KEY" | sha256sum` gives when $KEY is unset. Refused as a setting,
    /// since it would let in anyone whose key trims or decodes to nothing.
    /// </summary>
    public static readonly string EmptyKeyHash = Hash("");

    /// <summary>
    /// True when <paramref name="presented"/>, exactly as sent (never trimmed), is at least
    /// <see cref="MinimumLength"/> characters and hashes to <paramref name="configuredHash"/>, compared in constant time.
    /// </summary>
    public static bool Matches(string presented, string configuredHash) =>
        presented.Length >= MinimumLength
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(configuredHash));
}
