namespace NotesGuard.Conversations.State;

/// <summary>Settings for <c>Storage:Provider=AzureBlob</c> (configuration section "Storage:AzureBlob").</summary>
public sealed class AzureBlobStorageOptions
{
    public const string DefaultContainer = "notesguard-state";

    /// <summary>A storage account connection string (shared key or SAS). Either this or <see cref="ServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The blob endpoint, e.g. https://account.blob.core.windows.net, reached with DefaultAzureCredential (the
    /// App Service managed identity in Azure, a developer's az login locally). No secret in configuration.
    /// </summary>
    public string? ServiceUri { get; set; }

    /// <summary>The client id of a user-assigned managed identity; empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The container holding the records; created when missing.</summary>
    public string Container { get; set; } = DefaultContainer;
}
