using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace NotesGuard.Conversations.State;

/// <summary>
/// Checks the "Storage" settings at start-up; each failure names the configuration key. Connection strings hold
/// secrets, so a failure says what is wrong with one but never repeats it.
/// </summary>
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string Section = StorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (StorageProviders.Is(options.Provider, StorageProviders.Sqlite))
        {
            if (string.IsNullOrWhiteSpace(options.DataFolder) || options.DataFolder.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            {
                failures.Add($"{Section}:DataFolder must be a folder path.");
            }
        }
        else if (StorageProviders.Is(options.Provider, StorageProviders.AzureBlob))
        {
            ValidateAzureBlob(options.AzureBlob ?? new AzureBlobStorageOptions(), failures);
        }
        else if (StorageProviders.Is(options.Provider, StorageProviders.Postgres))
        {
            ValidatePostgres(options.Postgres ?? new PostgresStorageOptions(), failures);
        }
        else
        {
            failures.Add($"{Section}:Provider must be '{StorageProviders.Sqlite}', '{StorageProviders.AzureBlob}' or '{StorageProviders.Postgres}' (got '{options.Provider}').");
        }

        if (options.TimeToLive < TimeSpan.FromMinutes(1) || options.TimeToLive > TimeSpan.FromDays(30))
        {
            failures.Add($"{Section}:TimeToLive must be between 00:01:00 and 30.00:00:00 (got {options.TimeToLive}).");
        }

        if (options.DuplicateWindow < TimeSpan.FromMinutes(1) || options.DuplicateWindow > TimeSpan.FromDays(7))
        {
            failures.Add($"{Section}:DuplicateWindow must be between 00:01:00 and 7.00:00:00 (got {options.DuplicateWindow}).");
        }

        if (options.PurgeInterval < TimeSpan.FromSeconds(1) || options.PurgeInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:PurgeInterval must be between 00:00:01 and 1.00:00:00 (got {options.PurgeInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateAzureBlob(AzureBlobStorageOptions blob, List<string> failures)
    {
        const string Prefix = $"{Section}:AzureBlob";
        var hasConnectionString = !string.IsNullOrWhiteSpace(blob.ConnectionString);
        var hasServiceUri = !string.IsNullOrWhiteSpace(blob.ServiceUri);
        if (hasConnectionString == hasServiceUri)
        {
            failures.Add($"{Prefix}:ConnectionString or {Prefix}:ServiceUri must be set (exactly one of them) when {Section}:Provider is '{StorageProviders.AzureBlob}'.");
        }
        else if (hasConnectionString && !IsBlobConnectionString(blob.ConnectionString!))
        {
            failures.Add($"{Prefix}:ConnectionString is not a valid Azure Storage connection string (value not shown).");
        }
        else if (hasServiceUri && !IsServiceUri(blob.ServiceUri!))
        {
            failures.Add($"{Prefix}:ServiceUri must be an absolute https:// URL of the blob endpoint, e.g. https://account.blob.core.windows.net (got '{WithoutSecrets(blob.ServiceUri!)}').");
        }

        if (blob.Container is null || !ContainerName().IsMatch(blob.Container) || blob.Container.Contains("--", StringComparison.Ordinal))
        {
            failures.Add($"{Prefix}:Container must be 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit (got '{blob.Container}').");
        }
    }

    private static void ValidatePostgres(PostgresStorageOptions postgres, List<string> failures)
    {
        const string Key = $"{Section}:Postgres:ConnectionString";
        if (string.IsNullOrWhiteSpace(postgres.ConnectionString))
        {
            failures.Add($"{Key} must be set when {Section}:Provider is '{StorageProviders.Postgres}'.");
            return;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                failures.Add($"{Key} must name a Host (value not shown).");
            }
        }
        catch (ArgumentException)
        {
            failures.Add($"{Key} is not a valid Npgsql connection string (value not shown).");
        }
    }

    private static bool IsBlobConnectionString(string connectionString)
    {
        try
        {
            // Parses only; no request is made.
            _ = new BlobServiceClient(connectionString);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// The URL as far as its path: a SAS token rides in the query and a password in the user info, and this
    /// message ends up in the start-up log.
    /// </summary>
    private static string WithoutSecrets(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host)
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : value.Split('?', '#')[0];

    private static bool IsServiceUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerName();
}
