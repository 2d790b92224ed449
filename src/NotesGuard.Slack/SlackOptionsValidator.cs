using Microsoft.Extensions.Options;

namespace NotesGuard.Slack;

/// <summary>Stops the app at start-up with a message naming the bad Slack key.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();
        if (!IsAbsoluteHttpUrl(options.ApiBaseUrl))
        {
            failures.Add($"Slack:ApiBaseUrl must be an absolute http(s) URL, not '{options.ApiBaseUrl}'.");
        }

        if (!IsAbsoluteHttpUrl(options.AuthorizeUrl))
        {
            failures.Add($"Slack:AuthorizeUrl must be an absolute http(s) URL, not '{options.AuthorizeUrl}'.");
        }

        if (!string.IsNullOrWhiteSpace(options.OAuthRedirectUrl) && !IsHttpsOrLoopback(options.OAuthRedirectUrl))
        {
            failures.Add($"Slack:OAuthRedirectUrl must be an absolute https URL (http only on localhost), not '{options.OAuthRedirectUrl}'.");
        }

        if (!IsHttpsOrLoopback(options.ResponseUrlBase))
        {
            failures.Add($"Slack:ResponseUrlBase must be an absolute https URL (http only on localhost), not '{options.ResponseUrlBase}'.");
        }

        if (!string.IsNullOrWhiteSpace(options.TeamId) && !IsTeamId(options.TeamId))
        {
            failures.Add($"Slack:TeamId must be a Slack team id such as T0123ABCD, not '{options.TeamId}'.");
        }

        foreach (var team in options.AllowedTeamIds.Where(t => !IsTeamId(t)))
        {
            failures.Add($"Slack:AllowedTeamIds holds '{team}', which is not a Slack team id such as T0123ABCD.");
        }

        if (options.MaxQueuedPerPerson is < 1 or > 10_000)
        {
            failures.Add($"Slack:MaxQueuedPerPerson must be between 1 and 10000, not {options.MaxQueuedPerPerson}.");
        }

        if (options.MaxBodyBytes is < 4096 or > 16 * 1024 * 1024)
        {
            failures.Add($"Slack:MaxBodyBytes must be between 4096 and 16777216, not {options.MaxBodyBytes}.");
        }

        if (options.QueueCapacity is < 1 or > 100_000)
        {
            failures.Add($"Slack:QueueCapacity must be between 1 and 100000, not {options.QueueCapacity}.");
        }

        if (options.Workers is < 1 or > 64)
        {
            failures.Add($"Slack:Workers must be between 1 and 64, not {options.Workers}.");
        }

        if (options.MaxApiAttempts is < 1 or > 10)
        {
            failures.Add($"Slack:MaxApiAttempts must be between 1 and 10, not {options.MaxApiAttempts}.");
        }

        if (options.MaxRetryAfterSeconds is < 0 or > 3600)
        {
            failures.Add($"Slack:MaxRetryAfterSeconds must be between 0 and 3600, not {options.MaxRetryAfterSeconds}.");
        }

        if (options.IsEnabled)
        {
            if (string.IsNullOrWhiteSpace(options.BotToken) && !options.OAuthEnabled)
            {
                failures.Add("Slack:BotToken (single workspace) or Slack:ClientId and Slack:ClientSecret (OAuth install) must be set when Slack:SigningSecret is set.");
            }

            if (!string.IsNullOrWhiteSpace(options.BotToken) && !options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
            {
                failures.Add("Slack:BotToken must be a bot token starting with 'xoxb-'.");
            }

            if (string.IsNullOrWhiteSpace(options.ClientId) != string.IsNullOrWhiteSpace(options.ClientSecret))
            {
                failures.Add("Slack:ClientId and Slack:ClientSecret must be set together.");
            }

            if (options.OAuthEnabled && string.IsNullOrWhiteSpace(options.OAuthRedirectUrl))
            {
                failures.Add("Slack:OAuthRedirectUrl must be set for OAuth installs (the https URL of /slack/oauth/callback registered with Slack).");
            }

            if (!string.IsNullOrWhiteSpace(options.TeamId) && options.AllowedTeamIds.Count > 0
                && !options.AllowedTeamIds.Contains(options.TeamId, StringComparer.Ordinal))
            {
                failures.Add("Slack:TeamId is not in Slack:AllowedTeamIds; add it, or the single-workspace token could never be used.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>https, or http to a loopback host (local runs and tests).</summary>
    private static bool IsHttpsOrLoopback(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    /// <summary>Team ids are T (or E for an Enterprise Grid org) and upper-case letters and digits.</summary>
    internal static bool IsTeamId(string? value) =>
        value is { Length: >= 3 and <= 32 } && value[0] is 'T' or 'E' && !value.AsSpan(1).ContainsAnyExcept(TeamIdChars);

    private static readonly System.Buffers.SearchValues<char> TeamIdChars = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    private static bool IsAbsoluteHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
