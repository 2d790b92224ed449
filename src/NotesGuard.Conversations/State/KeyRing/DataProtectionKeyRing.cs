using Azure.Core;
using Azure.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace NotesGuard.Conversations.State.KeyRing;

/// <summary>
/// ASP.NET Data Protection (which encrypts Slack workspace tokens and signs the OAuth state) with its key ring kept
/// where the records are: in the shared PostgreSQL database or Blob container when instances share one, so an
/// install made through one instance is readable by every other; beside the SQLite file, in a folder only the app's
/// user may open, for the single-instance default. docs/hosting.md says what this protects against and what not.
/// </summary>
public static class DataProtectionKeyRing
{
    /// <summary>With <c>Storage:Provider=Sqlite</c>, the keys live in this folder under Storage:DataFolder.</summary>
    public const string KeysFolderName = "data-protection-keys";

    /// <summary>Every instance must use the same name, or they cannot read each other's payloads.</summary>
    public const string ApplicationName = "NotesGuard";

    private const string KeyVaultClientName = "NotesGuard.KeyVault";

    /// <summary>
    /// Needs the "Storage" settings bound (<see cref="ConversationServiceCollectionExtensions.AddConversations"/> does).
    /// With <c>DataProtection:KeyVaultKeyId</c> set, every key is wrapped with that Key Vault key before it is stored;
    /// the credential is a <see cref="TokenCredential"/> from the services when there is one (tests), else
    /// DefaultAzureCredential (the app's managed identity needs "Key Vault Crypto User" on the key).
    /// </summary>
    public static IServiceCollection AddKeyRingWithStateStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KeyRingOptions>().Bind(configuration.GetSection(KeyRingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KeyRingOptions>, KeyRingOptionsValidator>());
        services.AddHttpClient(KeyVaultClientName, client => client.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KeyRingOptions>>().Value;
            if (string.IsNullOrWhiteSpace(options.KeyVaultKeyId))
            {
                throw new InvalidOperationException(
                    $"The Data Protection key ring is wrapped with Key Vault, but {KeyRingOptions.SectionName}:KeyVaultKeyId is not set.");
            }

            var credential = sp.GetService<TokenCredential>() ?? new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId,
            });
            return new KeyVaultKeyWrapper(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(KeyVaultClientName), credential, new Uri(options.KeyVaultKeyId));
        });

        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(keys =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
            keys.XmlRepository = RepositoryFor(storage, root, sp.GetRequiredService<ILoggerFactory>());
            if (!string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<KeyRingOptions>>().Value.KeyVaultKeyId))
            {
                keys.XmlEncryptor = new KeyVaultXmlEncryptor(sp.GetRequiredService<KeyVaultKeyWrapper>());
            }
        }));
        return services;
    }

    /// <summary>The key ring's home for these settings (validated at start-up).</summary>
    public static IXmlRepository RepositoryFor(StorageOptions storage, string contentRoot, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (StorageProviders.Is(storage.Provider, StorageProviders.AzureBlob))
        {
            return new AzureBlobXmlRepository(AzureBlobStateStore.ContainerFrom(storage.AzureBlob));
        }

        if (StorageProviders.Is(storage.Provider, StorageProviders.Postgres))
        {
            return new PostgresXmlRepository(NpgsqlDataSource.Create(storage.Postgres.ConnectionString!));
        }

        // Keys must outlive restarts, or every stored workspace token becomes unreadable; and only the app's own
        // user may read them, since they sit unencrypted beside the database they unlock.
        var folder = Path.Combine(storage.ResolveDataFolder(contentRoot), KeysFolderName);
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new FileSystemXmlRepository(new DirectoryInfo(folder), loggerFactory);
    }
}
