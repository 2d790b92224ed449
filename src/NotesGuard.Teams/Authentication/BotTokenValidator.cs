using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NotesGuard.Teams.Inbound;

namespace NotesGuard.Teams.Authentication;

/// <summary>
/// Checks the Bearer token on every activity, as the Bot Framework documents it (botbuilder-dotnet's
/// ChannelValidation, EmulatorValidation and SkillValidation):
/// <list type="bullet">
/// <item>always: signature with a published key, RS256/384/512 only, issuer, audience = App ID, lifetime with
/// 5 minutes' skew;</item>
/// <item>channel tokens (issuer Teams:ChannelTokenIssuer, https://api.botframework.com by default): the signing key must endorse msteams — the
/// channel of this endpoint — and the token must carry a serviceurl claim (tied to the activity in
/// <see cref="CheckActivity"/>);</item>
/// <item>Entra tokens (sts.windows.net/{tenant}/, login.microsoftonline.com/{tenant}/v2.0): a valid signature
/// only proves that some app in the tenant asked for a token for our App ID, so they are refused unless
/// configuration enables a flow, and then only when the authorised party (appid on v1, azp on v2, per the
/// ver claim) is the bot itself (Teams:AcceptEmulatorTokens) or a configured caller (Teams:AllowedCallers).</item>
/// </list>
/// Such a token never makes the bot trust a serviceUrl: replies only go to Teams:AllowedServiceUrls.
/// </summary>
internal sealed class BotTokenValidator : IDisposable
{
    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    // Tenants whose Entra tokens the Bot Framework Emulator uses, per botbuilder-dotnet's EmulatorValidation.
    private static readonly string[] BotFrameworkTenants =
        ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"];

    private readonly TeamsOptions _options;
    private readonly SigningKeySource _botFrameworkKeys;
    private readonly SigningKeySource _entraKeys;
    private readonly HashSet<string> _entraIssuers;
    private readonly HashSet<string> _allowedCallers;
    private readonly JsonWebTokenHandler _handler = new();

    // Validation parameters per signing key, built once rather than per activity. Keyed weakly by the key objects
    // SigningKeySource caches, so a key rotation brings fresh entries and the old ones go with the old keys.
    private readonly ConditionalWeakTable<JsonWebKey, TokenValidationParameters> _channelParameters = new();
    private readonly ConditionalWeakTable<JsonWebKey, TokenValidationParameters> _entraParameters = new();

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
        _allowedCallers = new HashSet<string>(_options.AllowedCallers, StringComparer.OrdinalIgnoreCase);

        // No Entra flow enabled: no Entra issuer is trusted at all, and no Entra keys are ever fetched.
        var entraEnabled = _options.AcceptEmulatorTokens || _allowedCallers.Count > 0;
        var tenants = _options.AppType == TeamsAppType.SingleTenant ? [.. BotFrameworkTenants, _options.TenantId!] : BotFrameworkTenants;
        _entraIssuers = entraEnabled
            ? new HashSet<string>(
                tenants.SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" })
                    .Concat(_options.ExtraIssuers),
                StringComparer.Ordinal)
            : [];
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
            // The header is the sender's, unchecked: its value goes into the log only when it looks like an algorithm's
            // name, never as text someone chose (a forged log line, or a quarter of a megabyte of it).
            return (InboundAuthResult.Fail(LooksLikeAlgorithm(unverified.Alg) ? $"algorithm '{unverified.Alg}' not allowed" : "algorithm not allowed"), null);
        }

        var fromBotFramework = string.Equals(unverified.Issuer, _options.ChannelTokenIssuer, StringComparison.Ordinal);
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

        // The token read above is validated as it is, not parsed a second time from the string.
        var validation = await _handler.ValidateTokenAsync(unverified, Parameters(fromBotFramework, key));
        if (!validation.IsValid)
        {
            return (InboundAuthResult.Fail($"token rejected: {validation.Exception?.GetType().Name ?? "invalid"}"), null);
        }

        var token = (JsonWebToken)validation.SecurityToken;
        var party = fromBotFramework ? CheckChannelToken(key, token) : CheckAuthorisedParty(token);
        return party.IsValid
            ? (new InboundAuthResult(true, "valid"), new ValidatedBotToken(fromBotFramework, key, token))
            : (party, null);
    }

    private TokenValidationParameters Parameters(bool fromBotFramework, JsonWebKey key)
    {
        var cache = fromBotFramework ? _channelParameters : _entraParameters;
        if (cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = fromBotFramework ? [_options.ChannelTokenIssuer] : _entraIssuers,
            ValidAudience = _options.AppId,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(5),
            IssuerSigningKey = key,
            RequireSignedTokens = true,
            ValidAlgorithms = AllowedAlgorithms,
        };
        return cache.GetValue(key, _ => parameters);
    }

    public void Dispose()
    {
        _botFrameworkKeys.Dispose();
        _entraKeys.Dispose();
    }

    /// <summary>
    /// Ties the token to the activity: a channel token's serviceurl claim (always present, see
    /// CheckChannelToken) must equal the activity's serviceUrl, ignoring case. An Entra token has no such claim;
    /// if it carries one, it must match too.
    /// </summary>
    public static InboundAuthResult CheckActivity(ValidatedBotToken? token, string? serviceUrl)
    {
        if (token is null)
        {
            return InboundAuthResult.AuthenticationOff;
        }

        var claimed = ServiceUrlClaim(token.Token);
        if (claimed is not null && !string.Equals(claimed, serviceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return InboundAuthResult.Fail("serviceurl claim does not match the activity");
        }

        return new InboundAuthResult(true, "valid");
    }

    /// <summary>Required of every Bot Framework channel token, whatever the body says: endorsement and serviceurl.</summary>
    private static InboundAuthResult CheckChannelToken(JsonWebKey key, JsonWebToken token)
    {
        if (!IsEndorsed(key, TeamsConversation.ChannelId))
        {
            return InboundAuthResult.Fail("signing key does not endorse the msteams channel");
        }

        return string.IsNullOrWhiteSpace(ServiceUrlClaim(token))
            ? InboundAuthResult.Fail("token has no serviceurl claim")
            : new InboundAuthResult(true, "valid");
    }

    /// <summary>
    /// Who asked Entra for this token: appid on v1 tokens, azp on v2 (the ver claim says which; no other version
    /// is accepted). The bot itself means the emulator; anyone else must be a configured caller.
    /// </summary>
    private InboundAuthResult CheckAuthorisedParty(JsonWebToken token)
    {
        var version = Claim(token, "ver");
        var party = version switch
        {
            "1.0" => Claim(token, "appid"),
            "2.0" => Claim(token, "azp"),
            _ => null,
        };
        if (version is not ("1.0" or "2.0"))
        {
            return InboundAuthResult.Fail("Entra token without a ver claim of 1.0 or 2.0");
        }

        if (string.IsNullOrWhiteSpace(party))
        {
            return InboundAuthResult.Fail("Entra token names no authorised party (appid/azp)");
        }

        if (string.Equals(party, _options.AppId, StringComparison.OrdinalIgnoreCase))
        {
            return _options.AcceptEmulatorTokens
                ? new InboundAuthResult(true, "valid")
                : InboundAuthResult.Fail("Entra token from the bot's own App ID, but Teams:AcceptEmulatorTokens is off");
        }

        return _allowedCallers.Contains(party)
            ? new InboundAuthResult(true, "valid")
            : InboundAuthResult.Fail("Entra token's authorised party is not in Teams:AllowedCallers");
    }

    private static string? ServiceUrlClaim(JsonWebToken token) => Claim(token, "serviceurl");

    private static string? Claim(JsonWebToken token, string type) =>
        token.TryGetClaim(type, out var claim) ? claim.Value : null;

    private static bool IsEndorsed(JsonWebKey key, string channelId)
    {
        if (!key.AdditionalData.TryGetValue("endorsements", out var value)
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

    /// <summary>A JWS algorithm's name as the registry spells them ("RS256", "none", "HS512"): a few letters and digits.</summary>
    private static bool LooksLikeAlgorithm(string? alg) =>
        alg is { Length: > 0 and <= 16 } && alg.All(char.IsAsciiLetterOrDigit);
}
