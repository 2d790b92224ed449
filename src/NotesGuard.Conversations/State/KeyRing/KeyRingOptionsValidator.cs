using Microsoft.Extensions.Options;

namespace NotesGuard.Conversations.State.KeyRing;

/// <summary>Checks the "DataProtection" settings at start-up; each failure names the key.</summary>
public sealed class KeyRingOptionsValidator : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.KeyVaultKeyId))
        {
            return ValidateOptionsResult.Success;
        }

        return KeyVaultKeyWrapper.IsKeyId(options.KeyVaultKeyId)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{KeyRingOptions.SectionName}:KeyVaultKeyId must be the https URL of a Key Vault key, e.g. https://myvault.vault.azure.net/keys/notesguard (got '{options.KeyVaultKeyId.Split('?')[0]}').");
    }
}
