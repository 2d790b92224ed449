using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace NotesGuard.Conversations.Practice;

/// <summary>Start-up checks of the practice's admins, API key hash and audit settings, each naming its key.</summary>
internal sealed partial class PracticeOptionsValidator : IValidateOptions<PracticeOptions>
{
    public ValidateOptionsResult Validate(string? name, PracticeOptions options)
    {
        var failures = new List<string>();
        var section = PracticeOptions.SectionName;
        for (var i = 0; i < options.Admins.Count; i++)
        {
            if (!PracticeAdmins.IsWellFormed(options.Admins[i]))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{section}:Admins:{i} '{options.Admins[i]}' is not an admin id: write msteams:<Entra object id> or slack:<team id>:<user id>."));
            }
        }

        if (options.BroadcastApiKeyHash is { Length: > 0 } hash && !HashPattern().IsMatch(hash))
        {
            failures.Add($"{section}:BroadcastApiKeyHash must be 'sha256:' and 64 hex digits (run: notesguard practice hash-key); never the key itself.");
        }
        else if (string.Equals(options.BroadcastApiKeyHash, PracticeApiKey.EmptyKeyHash, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{section}:BroadcastApiKeyHash is the hash of an empty key (was the key's variable unset when it was hashed?); make one with: notesguard practice hash-key --new");
        }

        if (options.AuditRetention < TimeSpan.FromDays(1) || options.AuditRetention > TimeSpan.FromDays(3650))
        {
            failures.Add($"{section}:AuditRetention must be between 1.00:00:00 and 3650.00:00:00 (got {options.AuditRetention}).");
        }

        if (options.AuditIdentities is not ("Hashed" or "Plain"))
        {
            failures.Add($"{section}:AuditIdentities must be Hashed or Plain (got '{options.AuditIdentities}').");
        }

        if (options.PreviousRulebookPath is { Length: > 0 } previous && !File.Exists(previous))
        {
            failures.Add($"{section}:PreviousRulebookPath '{previous}' does not exist.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex HashPattern();
}
