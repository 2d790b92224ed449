namespace NotesGuard.Conversations.State.KeyRing;

/// <summary>How the Data Protection key ring is protected at rest (configuration section "DataProtection").</summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>
    /// An Azure Key Vault key (https://vault.vault.azure.net/keys/name[/version]) that wraps every Data Protection
    /// key before it is stored, so a copy of the store alone no longer unlocks the Slack tokens in it. Empty: keys
    /// are stored as they are (docs/hosting.md says what protects them then).
    /// </summary>
    public string? KeyVaultKeyId { get; set; }

    /// <summary>The client id of a user-assigned managed identity for Key Vault; empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }
}
