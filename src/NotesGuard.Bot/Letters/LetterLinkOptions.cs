using Microsoft.Extensions.Options;

namespace NotesGuard.Bot.Letters;

/// <summary>The "Letters" section: how long a document download link lives, and how many may be live at once.</summary>
public sealed class LetterLinkOptions
{
    public const string SectionName = "Letters";

    public int LinkLifetimeMinutes { get; set; } = 10;

    /// <summary>Bounds the memory links take; when full, no new links are offered until some expire.</summary>
    public int MaxLiveLinks { get; set; } = 10_000;
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
