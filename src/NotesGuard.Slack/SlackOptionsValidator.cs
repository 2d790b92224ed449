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

        if (!string.IsNullOrWhiteSpace(options.OAuthRedirectUrl) && !IsAbsoluteHttpUrl(options.OAuthRedirectUrl))
        {
            failures.Add($"Slack:OAuthRedirectUrl must be an absolute http(s) URL, not '{options.OAuthRedirectUrl}'.");
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
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsAbsoluteHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
