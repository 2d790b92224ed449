using Microsoft.Extensions.Options;

namespace NotesGuard.Conversations.State;

/// <summary>Checks the "Storage" settings at start-up; each failure names the configuration key.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{StorageOptions.SectionName}:Provider must be 'Sqlite' (got '{options.Provider}').");
        }

        if (string.IsNullOrWhiteSpace(options.DataFolder) || options.DataFolder.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{StorageOptions.SectionName}:DataFolder must be a folder path.");
        }

        if (options.TimeToLive < TimeSpan.FromMinutes(1) || options.TimeToLive > TimeSpan.FromDays(30))
        {
            failures.Add($"{StorageOptions.SectionName}:TimeToLive must be between 00:01:00 and 30.00:00:00 (got {options.TimeToLive}).");
        }

        if (options.DuplicateWindow < TimeSpan.FromMinutes(1) || options.DuplicateWindow > TimeSpan.FromDays(7))
        {
            failures.Add($"{StorageOptions.SectionName}:DuplicateWindow must be between 00:01:00 and 7.00:00:00 (got {options.DuplicateWindow}).");
        }

        if (options.PurgeInterval < TimeSpan.FromSeconds(1) || options.PurgeInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{StorageOptions.SectionName}:PurgeInterval must be between 00:00:01 and 1.00:00:00 (got {options.PurgeInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
