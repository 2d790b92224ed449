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
    private const string SignaturePrefix = Version + "=";
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
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
        var headers = CheckHeaders(timestampHeader, signatureHeader, now);
        if (headers != SignatureFailure.None)
        {
            return headers;
        }

        var given = Convert.FromHexString(signatureHeader!.AsSpan(SignaturePrefix.Length));
        var expected = Mac(timestampHeader!, body);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureFailure.None : SignatureFailure.Mismatch;
    }

    /// <summary>
    /// Everything that can be checked without the body: both headers present, the timestamp a number within the
    /// replay window, the signature "v0=" and 64 hex digits. Run before the body is read, so an unsigned or replayed
    /// request never costs us reading (up to) a megabyte.
    /// </summary>
    public static SignatureFailure CheckHeaders(string? timestampHeader, string? signatureHeader, DateTimeOffset now)
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

        if (!signatureHeader.StartsWith(SignaturePrefix, StringComparison.Ordinal)
            || signatureHeader.Length != SignaturePrefix.Length + 64
            || signatureHeader.AsSpan(SignaturePrefix.Length).ContainsAnyExcept(HexDigits))
        {
            return SignatureFailure.MalformedSignature;
        }

        return SignatureFailure.None;
    }

    private byte[] Mac(string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);
        hmac.AppendData(Encoding.ASCII.GetBytes($"{Version}:{timestamp}:"));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
