using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NotesGuard.Slack.Inbound;

/// <summary>Why a request was refused; logged as a code, never with the signature or body.</summary>
public enum SignatureFailure
{
    None,
    MissingHeaders,
    MalformedTimestamp,
    StaleOrFutureTimestamp,
    MalformedSignature,
    Mismatch,
}

/// <summary>
/// Slack's request signing, version v0: HMAC-SHA256 keyed with the signing secret over "v0:{timestamp}:{raw body}",
/// sent as "v0=" + lower-case hex. Checked over the raw bytes before anything is parsed.
/// </summary>
public sealed class SlackSignature
{
    /// <summary>Slack's replay window. Unlike @slack/bolt we refuse future timestamps too.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    private const string Version = "v0";
    private readonly byte[] _secret;

    public SlackSignature(string signingSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        _secret = Encoding.UTF8.GetBytes(signingSecret);
    }

    /// <summary>The X-Slack-Signature header value Slack would send for this body at this timestamp.</summary>
    public string Compute(string timestamp, ReadOnlySpan<byte> body) => Version + "=" + Convert.ToHexStringLower(Mac(timestamp, body));

    public SignatureFailure Verify(string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return SignatureFailure.MissingHeaders;
        }

        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return SignatureFailure.MalformedTimestamp;
        }

        var skew = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (skew.Duration() > MaxSkew)
        {
            return SignatureFailure.StaleOrFutureTimestamp;
        }

        const string prefix = Version + "=";
        if (!signatureHeader.StartsWith(prefix, StringComparison.Ordinal) || signatureHeader.Length != prefix.Length + 64)
        {
            return SignatureFailure.MalformedSignature;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signatureHeader.AsSpan(prefix.Length));
        }
        catch (FormatException)
        {
            return SignatureFailure.MalformedSignature;
        }

        var expected = Mac(timestampHeader, body);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureFailure.None : SignatureFailure.Mismatch;
    }

    private byte[] Mac(string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);
        hmac.AppendData(Encoding.ASCII.GetBytes($"{Version}:{timestamp}:"));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
