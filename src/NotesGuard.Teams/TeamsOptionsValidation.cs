using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NotesGuard.Teams.Connector;

namespace NotesGuard.Teams;

/// <summary>
/// Start-up checks of the Teams section. A bad setting stops the app with a message naming the key; in
/// particular, inbound authentication can only be off in Development. A deployment that does not use Teams
/// (no App ID, Teams:Enabled unset, not Development) simply has no /api/messages. Every setting is checked
/// here as MSAL and the token validator would use it, so nothing first fails on a user's request.
/// </summary>
internal sealed class TeamsOptionsValidation(IHostEnvironment environment) : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        if (!options.IsActive(environment.IsDevelopment()))
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (options.AuthenticationDisabled)
        {
            // Reachable outside Development only with Teams:Enabled=true: the channel was asked for, so a
            // missing App ID is a mistake to stop on, not a reason to accept unauthenticated requests.
            if (!environment.IsDevelopment())
            {
                errors.Add($"Teams:AppId is required outside Development (environment '{environment.EnvironmentName}'): "
                    + "without it /api/messages would accept unauthenticated requests. Set Teams:AppId, or Teams:Enabled=false.");
            }
        }
        else
        {
            ValidateCredentials(options, errors);
        }

        CheckUrl(errors, "Teams:OpenIdMetadataUrl", options.OpenIdMetadataUrl);
        if (options.EntraOpenIdMetadataUrl is not null)
        {
            CheckUrl(errors, "Teams:EntraOpenIdMetadataUrl", options.EntraOpenIdMetadataUrl);
        }

        CheckTokenAuthority(errors, options.TokenAuthority);
        CheckScope(errors, options.OAuthScope);
        CheckTrust(errors, options);
        if (options.MaxRequestBodyBytes is < 1024 or > 4 * 1024 * 1024)
        {
            errors.Add("Teams:MaxRequestBodyBytes must be between 1024 and 4194304.");
        }

        if (options.OperationsPerSecondPerConversation is < 1 or > 100)
        {
            errors.Add("Teams:OperationsPerSecondPerConversation must be between 1 and 100.");
        }

        if (options.MaxSendAttempts is < 1 or > 10)
        {
            errors.Add("Teams:MaxSendAttempts must be between 1 and 10.");
        }

        if (options.TypingDelay < TimeSpan.Zero || options.TypingDelay > TimeSpan.FromSeconds(10))
        {
            // Teams gives up on a turn after about 15 s: a later indicator would never be seen.
            errors.Add("Teams:TypingDelay must be between 00:00:00 and 00:00:10.");
        }

        if (options.KeyRefreshMinimumInterval < TimeSpan.Zero || options.KeyRefreshMinimumInterval > TimeSpan.FromDays(1))
        {
            errors.Add("Teams:KeyRefreshMinimumInterval must be between 00:00:00 and 1.00:00:00.");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            errors.Add("Teams:RetryBaseDelay must be more than zero and at most 00:01:00.");
        }

        if (options.MaxRetryDelay < options.RetryBaseDelay || options.MaxRetryDelay > TimeSpan.FromMinutes(10))
        {
            errors.Add("Teams:MaxRetryDelay must be at least Teams:RetryBaseDelay and at most 00:10:00.");
        }

        if (options.ConversationReferenceLifetime < TimeSpan.FromHours(1) || options.ConversationReferenceLifetime > TimeSpan.FromDays(365))
        {
            errors.Add("Teams:ConversationReferenceLifetime must be between 01:00:00 and 365.00:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateCredentials(TeamsOptions options, List<string> errors)
    {
        if (!Guid.TryParse(options.AppId, out _))
        {
            errors.Add("Teams:AppId must be the bot's Microsoft App ID (a GUID).");
        }

        if (options.AppType == TeamsAppType.SingleTenant && string.IsNullOrWhiteSpace(options.TenantId))
        {
            errors.Add("Teams:TenantId is required when Teams:AppType is SingleTenant.");
        }
        else if (options.AppType == TeamsAppType.SingleTenant
            && !Guid.TryParse(options.TenantId, out _)
            && Uri.CheckHostName(options.TenantId) != UriHostNameType.Dns)
        {
            // It becomes part of the token authority's path and of the trusted issuers.
            errors.Add("Teams:TenantId must be the tenant's id (a GUID) or its domain (contoso.onmicrosoft.com).");
        }

        if (options.AppType == TeamsAppType.SingleTenant && options.AllowedTenantIds.Count == 0
            && !string.IsNullOrWhiteSpace(options.TenantId) && !Guid.TryParse(options.TenantId, out _))
        {
            // Activities carry the tenant's id, never its domain: without the list every one would be refused.
            errors.Add($"Teams:TenantId '{options.TenantId}' is a domain name, and Teams activities name their tenant by id: set Teams:AllowedTenantIds:0 to the tenant's id (a GUID).");
        }

        if (options.AppType == TeamsAppType.UserAssignedManagedIdentity)
        {
            if (options.ManagedIdentityClientId is not null && !Guid.TryParse(options.ManagedIdentityClientId, out _))
            {
                errors.Add("Teams:ManagedIdentityClientId must be the identity's client id (a GUID).");
            }

            return;
        }

        var hasSecret = !string.IsNullOrWhiteSpace(options.ClientSecret);
        var hasCertificate = !string.IsNullOrWhiteSpace(options.CertificatePath);
        if (hasSecret == hasCertificate)
        {
            errors.Add("Set exactly one of Teams:ClientSecret or Teams:CertificatePath (the bot needs it to send messages).");
        }

        if (hasCertificate && !File.Exists(options.CertificatePath))
        {
            errors.Add($"Teams:CertificatePath '{options.CertificatePath}' does not exist.");
        }
        else if (hasCertificate)
        {
            CheckCertificate(errors, options.CertificatePath!, options.CertificatePassword);
        }
    }

    /// <summary>MSAL would load it on the first Teams request; a wrong password must stop the start instead.</summary>
    private static void CheckCertificate(List<string> errors, string path, string? password)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            if (!certificate.HasPrivateKey)
            {
                errors.Add($"Teams:CertificatePath '{path}' holds no private key (the bot signs its token requests with it).");
            }
        }
        catch (CryptographicException)
        {
            errors.Add($"Teams:CertificatePath '{path}' could not be read as a PFX with Teams:CertificatePassword.");
        }
    }

    /// <summary>MSAL accepts only an https authority; anything else would fail every outbound token request.</summary>
    private static void CheckTokenAuthority(List<string> errors, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || uri.AbsolutePath != "/"
            || uri.Query.Length > 0
            || uri.UserInfo.Length > 0)
        {
            errors.Add($"Teams:TokenAuthority must be an https origin such as https://login.microsoftonline.com, not '{value}'.");
        }
    }

    private static void CheckScope(List<string> errors, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || !value.EndsWith("/.default", StringComparison.Ordinal))
        {
            errors.Add($"Teams:OAuthScope must be an https resource ending in /.default (client credentials), not '{value}'.");
        }
    }

    /// <summary>Who may send activities and where replies may go.</summary>
    private static void CheckTrust(List<string> errors, TeamsOptions options)
    {
        if (!Uri.TryCreate(options.ChannelTokenIssuer, UriKind.Absolute, out var channelIssuer) || channelIssuer.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"Teams:ChannelTokenIssuer must be an absolute https issuer URL such as https://api.botframework.com, not '{options.ChannelTokenIssuer}'.");
        }

        for (var i = 0; i < options.AllowedServiceUrls.Count; i++)
        {
            if (!ServiceUrlAllowList.IsValidEntry(options.AllowedServiceUrls[i], out var why))
            {
                errors.Add($"Teams:AllowedServiceUrls:{i} '{options.AllowedServiceUrls[i]}' {why}.");
            }
        }

        for (var i = 0; i < options.AllowedTenantIds.Count; i++)
        {
            if (!Guid.TryParse(options.AllowedTenantIds[i], out _))
            {
                errors.Add($"Teams:AllowedTenantIds:{i} must be a tenant id (a GUID), not '{options.AllowedTenantIds[i]}'.");
            }
        }

        for (var i = 0; i < options.AllowedCallers.Count; i++)
        {
            // No "*": any app in any tenant can get a token for our App ID.
            if (!Guid.TryParse(options.AllowedCallers[i], out _))
            {
                errors.Add($"Teams:AllowedCallers:{i} must be a caller's App ID (a GUID), not '{options.AllowedCallers[i]}'.");
            }
        }

        for (var i = 0; i < options.ExtraIssuers.Count; i++)
        {
            if (!Uri.TryCreate(options.ExtraIssuers[i], UriKind.Absolute, out var issuer) || issuer.Scheme != Uri.UriSchemeHttps)
            {
                errors.Add($"Teams:ExtraIssuers:{i} must be an absolute https issuer URL, not '{options.ExtraIssuers[i]}'.");
            }
        }

        if (options.AuthenticationDisabled && (options.AcceptEmulatorTokens || options.AllowedCallers.Count > 0))
        {
            errors.Add("Teams:AcceptEmulatorTokens and Teams:AllowedCallers need Teams:AppId (they say whose tokens to accept).");
        }
    }

    private static void CheckUrl(List<string> errors, string key, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            errors.Add($"{key} must be an absolute https URL (http only on loopback), not '{value}'.");
        }
    }
}
