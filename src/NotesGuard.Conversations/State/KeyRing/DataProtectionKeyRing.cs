using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>Needs the "Storage" settings bound (<see cref="ConversationServiceCollectionExtensions.AddConversations"/> does).</summary>
    public static IServiceCollection AddKeyRingWithStateStore(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(keys =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
            keys.XmlRepository = RepositoryFor(storage, root, sp.GetRequiredService<ILoggerFactory>());
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
