using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NotesGuard.Teams.Authentication;

/// <summary>
/// Checks the Bearer token the Bot Framework (or Entra, for single-tenant bots and the emulator) puts on
/// every activity: signature with a published key, RS256/384/512 only, issuer, audience = App ID, lifetime
/// with 5 minutes' skew. The checks that need the activity (the key endorses its channel; the serviceurl
/// claim equals its serviceUrl) are in <see cref="CheckActivity"/>.
/// </summary>
internal sealed class BotTokenValidator : IDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    // Tenants whose Entra tokens the Bot Framework itself uses (emulator and channel service), per the
    // Bot Framework authentication docs.
    private static readonly string[] BotFrameworkTenants =
        ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"];

    private readonly TeamsOptions _options;
    private readonly SigningKeySource _botFrameworkKeys;
    private readonly SigningKeySource _entraKeys;
    private readonly HashSet<string> _entraIssuers;
    private readonly JsonWebTokenHandler _handler = new();

    public BotTokenValidator(IOptions<TeamsOptions> options, IHttpClientFactory httpClientFactory, TimeProvider clock)
    {
        _options = options.Value;
        var http = httpClientFactory.CreateClient(nameof(BotTokenValidator));
        _botFrameworkKeys = new SigningKeySource(_options.OpenIdMetadataUrl, http, _options.KeyRefreshMinimumInterval, clock);
        var tenant = _options.AppType == TeamsAppType.SingleTenant ? _options.TenantId! : "botframework.com";
        _entraKeys = new SigningKeySource(
            _options.EntraOpenIdMetadataUrl ?? $"https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration",
            http,
            _options.KeyRefreshMinimumInterval,
            clock);
        var tenants = _options.AppType == TeamsAppType.SingleTenant ? [_options.TenantId!] : BotFrameworkTenants;
        _entraIssuers = new HashSet<string>(
            tenants.SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" })
                .Concat(_options.ExtraIssuers),
            StringComparer.Ordinal);
    }

    /// <summary>Validates the token alone; on success returns it so the activity checks can use its claims.</summary>
    public async Task<(InboundAuthResult Result, ValidatedBotToken? Token)> ValidateAsync(
        string? authorizationHeader, CancellationToken cancellationToken)
    {
        if (_options.AuthenticationDisabled)
        {
            return (InboundAuthResult.AuthenticationOff, null);
        }

        const string scheme = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return (InboundAuthResult.Fail("missing or non-Bearer Authorization header"), null);
        }

        var raw = authorizationHeader[scheme.Length..].Trim();
        if (!_handler.CanReadToken(raw))
        {
            return (InboundAuthResult.Fail("malformed token"), null);
        }

        JsonWebToken unverified;
        try
        {
            unverified = _handler.ReadJsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return (InboundAuthResult.Fail("malformed token"), null);
        }

        if (!AllowedAlgorithms.Contains(unverified.Alg, StringComparer.Ordinal))
        {
            return (InboundAuthResult.Fail($"algorithm '{unverified.Alg}' not allowed"), null);
        }

        var fromBotFramework = string.Equals(unverified.Issuer, BotFrameworkIssuer, StringComparison.Ordinal);
        if (!fromBotFramework && !_entraIssuers.Contains(unverified.Issuer))
        {
            return (InboundAuthResult.Fail("issuer not trusted"), null);
        }

        if (string.IsNullOrEmpty(unverified.Kid))
        {
            return (InboundAuthResult.Fail("token has no key id"), null);
        }

        JsonWebKey? key;
        try
        {
            key = await (fromBotFramework ? _botFrameworkKeys : _entraKeys).FindKeyAsync(unverified.Kid, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return (new InboundAuthResult(false, "signing keys could not be fetched", KeysUnavailable: true), null);
        }

        if (key is null)
        {
            return (InboundAuthResult.Fail("unknown signing key (after refresh)"), null);
        }

        var validation = await _handler.ValidateTokenAsync(raw, new TokenValidationParameters
        {
            ValidIssuers = fromBotFramework ? [BotFrameworkIssuer] : _entraIssuers,
            ValidAudience = _options.AppId,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(5),
            IssuerSigningKey = key,
            RequireSignedTokens = true,
            ValidAlgorithms = AllowedAlgorithms,
        });
        if (!validation.IsValid)
        {
            return (InboundAuthResult.Fail($"token rejected: {validation.Exception?.GetType().Name ?? "invalid"}"), null);
        }

        return (new InboundAuthResult(true, "valid"), new ValidatedBotToken(fromBotFramework, key, (JsonWebToken)validation.SecurityToken));
    }

    public void Dispose()
    {
        _botFrameworkKeys.Dispose();
        _entraKeys.Dispose();
    }

    /// <summary>The checks that tie the token to this activity: channel endorsement and service URL.</summary>
    public static InboundAuthResult CheckActivity(ValidatedBotToken? token, string? channelId, string? serviceUrl)
    {
        if (token is null)
        {
            return InboundAuthResult.AuthenticationOff;
        }

        if (token.FromBotFramework && !IsEndorsed(token.Key, channelId))
        {
            return InboundAuthResult.Fail("signing key does not endorse the activity's channel");
        }

        var claimed = token.Token.TryGetClaim("serviceurl", out var claim) ? claim.Value : null;
        if (claimed is null && token.FromBotFramework)
        {
            return InboundAuthResult.Fail("token has no serviceurl claim");
        }

        if (claimed is not null && !string.Equals(claimed, serviceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return InboundAuthResult.Fail("serviceurl claim does not match the activity");
        }

        return new InboundAuthResult(true, "valid");
    }

    private static bool IsEndorsed(JsonWebKey key, string? channelId)
    {
        if (string.IsNullOrEmpty(channelId)
            || !key.AdditionalData.TryGetValue("endorsements", out var value)
            || value is not JsonElement { ValueKind: JsonValueKind.Array } endorsements)
        {
            return false;
        }

        foreach (var endorsement in endorsements.EnumerateArray())
        {
            if (endorsement.ValueKind == JsonValueKind.String
                && string.Equals(endorsement.GetString(), channelId, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
