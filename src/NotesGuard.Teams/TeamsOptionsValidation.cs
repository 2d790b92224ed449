using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace NotesGuard.Teams;

/// <summary>
/// Start-up checks of the Teams section. A bad setting stops the app with a message naming the key; in
/// particular, inbound authentication can only be off in Development. A deployment that does not use Teams
/// (no App ID, Teams:Enabled unset, not Development) simply has no /api/messages.
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

        CheckUrl(errors, "Teams:TokenAuthority", options.TokenAuthority);
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

        if (options.KeyRefreshMinimumInterval < TimeSpan.Zero)
        {
            errors.Add("Teams:KeyRefreshMinimumInterval must not be negative.");
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

        if (options.AppType == TeamsAppType.UserAssignedManagedIdentity)
        {
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
