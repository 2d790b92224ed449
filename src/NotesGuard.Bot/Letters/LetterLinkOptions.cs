using Microsoft.Extensions.Options;

namespace NotesGuard.Bot.Letters;

/// <summary>The "Letters" section: how long a document download link lives, and how many may be live at once.</summary>
public sealed class LetterLinkOptions
{
    public const string SectionName = "Letters";

    public int LinkLifetimeMinutes { get; set; } = 10;

    /// <summary>Bounds the memory links take; when full, no new links are offered until some expire.</summary>
    public int MaxLiveLinks { get; set; } = 10_000;

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

        if (options.MaxLiveLinks is < 1 or > 1_000_000)
        {
            failures.Add($"{LetterLinkOptions.SectionName}:MaxLiveLinks must be between 1 and 1000000 (got {options.MaxLiveLinks}).");
        }

        if (options.PublicBaseUrl is { } url
            && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Query.Length == 0 && uri.Fragment.Length == 0))
        {
            failures.Add($"{LetterLinkOptions.SectionName}:PublicBaseUrl '{url}' must be an https address with no query or fragment.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
