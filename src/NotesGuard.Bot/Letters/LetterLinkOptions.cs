using Microsoft.Extensions.Options;

namespace NotesGuard.Bot.Letters;

/// <summary>The "Letters" section: how long a document download link lives, and the public address links are under.</summary>
public sealed class LetterLinkOptions
{
    public const string SectionName = "Letters";

    public int LinkLifetimeMinutes { get; set; } = 10;

    /// <summary>
    /// The bot's public https address (e.g. https://notesguard.example.org). Teams and Slack need absolute links;
    /// without it they offer no documents. The web chat uses links relative to its own page.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

internal sealed class LetterLinkOptionsValidator : IValidateOptions<LetterLinkOptions>
{
    public ValidateOptionsResult Validate(string? name, LetterLinkOptions options)
    {
        var failures = new List<string>();
        if (options.LinkLifetimeMinutes is < 1 or > 60)
        {
            failures.Add($"{LetterLinkOptions.SectionName}:LinkLifetimeMinutes must be between 1 and 60 (got {options.LinkLifetimeMinutes}).");
        }

        if (options.PublicBaseUrl is { } url
            && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Query.Length == 0 && uri.Fragment.Length == 0))
        {
            failures.Add($"{LetterLinkOptions.SectionName}:PublicBaseUrl '{url}' must be an https address with no query or fragment.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
