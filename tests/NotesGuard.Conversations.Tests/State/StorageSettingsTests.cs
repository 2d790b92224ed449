using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.State;

namespace NotesGuard.Conversations.Tests.State;

/// <summary>
/// The "Storage" settings as an operator writes them: each provider's required settings are checked at start-up,
/// a failure names the key, and a connection string (it holds a password) or a URL's query and user info (a SAS token, a password) is
/// never repeated in the message.
/// </summary>
public sealed class StorageSettingsTests
{
    private const string DevelopmentStorage =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    [Theory]
    [InlineData("Storage:Provider=Mongo", "Storage:Provider must be 'Sqlite', 'AzureBlob' or 'Postgres'")]
    [InlineData("Storage:Provider=AzureBlob", "Storage:AzureBlob:ConnectionString or Storage:AzureBlob:ServiceUri must be set")]
    [InlineData("Storage:Provider=AzureBlob|Storage:AzureBlob:ConnectionString=" + DevelopmentStorage + "|Storage:AzureBlob:ServiceUri=https://acct.blob.core.windows.net", "(exactly one of them)")]
    [InlineData("Storage:Provider=AzureBlob|Storage:AzureBlob:ConnectionString=AccountKey=hunter2;nonsense", "Storage:AzureBlob:ConnectionString is not a valid")]
    [InlineData("Storage:Provider=AzureBlob|Storage:AzureBlob:ServiceUri=acct.blob.core.windows.net", "Storage:AzureBlob:ServiceUri must be an absolute https:// URL")]
    [InlineData("Storage:Provider=AzureBlob|Storage:AzureBlob:ServiceUri=http://acct.blob.core.windows.net", "Storage:AzureBlob:ServiceUri must be an absolute https:// URL")]
    [InlineData("Storage:Provider=AzureBlob|Storage:AzureBlob:ServiceUri=http://acct.blob.core.windows.net/?sv=2024-05-04&sig=hunter2", "(got 'http://acct.blob.core.windows.net/')")]
    [InlineData("Storage:Provider=AzureBlob|Storage:AzureBlob:ServiceUri=http://admin:hunter2@acct.blob.core.windows.net", "(got 'http://acct.blob.core.windows.net/')")]
    [InlineData("Storage:Provider=AzureBlob|Storage:AzureBlob:ServiceUri=acct.blob.core.windows.net?sig=hunter2", "(got 'acct.blob.core.windows.net')")]
    [InlineData("Storage:Provider=AzureBlob|Storage:AzureBlob:ServiceUri=https://acct.blob.core.windows.net|Storage:AzureBlob:Container=Notes_Guard", "Storage:AzureBlob:Container must be 3-63")]
    [InlineData("Storage:Provider=Postgres", "Storage:Postgres:ConnectionString must be set")]
    [InlineData("Storage:Provider=Postgres|Storage:Postgres:ConnectionString=Password=hunter2;Flavour=strawberry", "Storage:Postgres:ConnectionString is not a valid")]
    [InlineData("Storage:Provider=Postgres|Storage:Postgres:ConnectionString=Password=hunter2;Database=notes", "Storage:Postgres:ConnectionString must name a Host")]
    public void A_bad_storage_setting_is_refused_naming_the_key(string settings, string expected)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => OptionsFrom(settings));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Eby8vdM02x", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Sqlite")]
    [InlineData("Storage:Provider=sqlite", "sqlite")]
    [InlineData("Storage:Provider=AzureBlob|Storage:AzureBlob:ConnectionString=" + DevelopmentStorage, "AzureBlob")]
    [InlineData("Storage:Provider=azureblob|Storage:AzureBlob:ServiceUri=https://acct.blob.core.windows.net|Storage:AzureBlob:ManagedIdentityClientId=6f1c0e4e-0000-4000-8000-000000000001", "azureblob")]
    [InlineData("Storage:Provider=Postgres|Storage:Postgres:ConnectionString=Host=db.internal;Database=notesguard;Username=notesguard;Password=x", "Postgres")]
    public void Good_storage_settings_are_accepted(string settings, string provider)
    {
        var options = OptionsFrom(settings);

        Assert.Equal(provider, options.Provider);
        Assert.Equal(AzureBlobStorageOptions.DefaultContainer, options.AzureBlob.Container);
    }

    private static StorageOptions OptionsFrom(string settings)
    {
        var pairs = settings.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split('=', 2))
            .ToDictionary(p => p[0], p => (string?)p[1]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(pairs).Build();
        using var services = new ServiceCollection().AddConversations(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<StorageOptions>>().Value;
    }
}
