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

    public static bool Matches(string presented, string configuredHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(configuredHash));
}
