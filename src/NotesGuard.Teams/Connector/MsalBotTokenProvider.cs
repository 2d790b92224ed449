using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace NotesGuard.Teams.Connector;

/// <summary>
/// Outbound tokens with MSAL client credentials (secret or certificate) or a user-assigned managed
/// identity. MSAL keeps the token in its in-memory app cache and only goes back to the token endpoint
/// shortly before it expires, so one instance lives for the app's lifetime.
/// </summary>
internal sealed class MsalBotTokenProvider : IBotTokenProvider
{
    private readonly IConfidentialClientApplication? _confidential;
    private readonly IManagedIdentityApplication? _managedIdentity;
    private readonly string[] _scopes;
    private readonly string _resource;

    public MsalBotTokenProvider(IOptions<TeamsOptions> options, IMsalHttpClientFactory httpClientFactory)
    {
        var settings = options.Value;
        _scopes = [settings.OAuthScope];
        _resource = settings.OAuthScope.EndsWith("/.default", StringComparison.Ordinal)
            ? settings.OAuthScope[..^"/.default".Length]
            : settings.OAuthScope;
        if (settings.AuthenticationDisabled)
        {
            return;
        }

        if (settings.AppType == TeamsAppType.UserAssignedManagedIdentity)
        {
            _managedIdentity = ManagedIdentityApplicationBuilder
                .Create(ManagedIdentityId.WithUserAssignedClientId(settings.ManagedIdentityClientId ?? settings.AppId!))
                .WithHttpClientFactory(httpClientFactory)
                .Build();
            return;
        }

        var tenant = settings.AppType == TeamsAppType.SingleTenant ? settings.TenantId! : "botframework.com";
        var authority = $"{settings.TokenAuthority.TrimEnd('/')}/{tenant}";
        var builder = ConfidentialClientApplicationBuilder.Create(settings.AppId)
            .WithAuthority(authority, validateAuthority: false)
            .WithHttpClientFactory(httpClientFactory);
        if (!IsMicrosoftCloud(settings.TokenAuthority))
        {
            // A sovereign-cloud mirror or a test fake: there is nothing to discover at Microsoft.
            builder = builder.WithInstanceDiscovery(false);
        }

        builder = string.IsNullOrWhiteSpace(settings.CertificatePath)
            ? builder.WithClientSecret(settings.ClientSecret)
            : builder.WithCertificate(X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, settings.CertificatePassword));
        _confidential = builder.Build();
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_confidential is not null)
        {
            return (await _confidential.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken)).AccessToken;
        }

        if (_managedIdentity is not null)
        {
            return (await _managedIdentity.AcquireTokenForManagedIdentity(_resource).ExecuteAsync(cancellationToken)).AccessToken;
        }

        return null;
    }

    private static bool IsMicrosoftCloud(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri)
        && uri.Host.EndsWith("login.microsoftonline.com", StringComparison.OrdinalIgnoreCase);
}
