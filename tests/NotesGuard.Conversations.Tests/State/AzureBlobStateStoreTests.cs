using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Conversations.Tests.State.Servers;

namespace NotesGuard.Conversations.Tests.State;

/// <summary>The store contract on Azure Blob Storage: a fresh container on a real Azurite for each test.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobStateStoreTests(AzuriteServer azurite) : StateStoreContract
{
    private readonly string _container = $"test-{Guid.NewGuid():N}";

    protected override Task PrepareStorageAsync() => Task.CompletedTask;

    // Each instance has its own client, as separate app instances would.
    protected override IStateStore OpenStore(TimeProvider clock) => new AzureBlobStateStore(Container(), clock);

    protected override async Task CleanUpStorageAsync() => await Container().DeleteIfExistsAsync();

    [Fact]
    public async Task The_container_is_created_when_missing_and_blob_names_carry_no_ids()
    {
        var store = new AzureBlobStateStore(Container(), TimeProvider.System);
        Assert.False(await Container().ExistsAsync());

        await store.TryWriteAsync(new("teams", "19:meeting@thread.v2", "alice-object-id"), [1], null, TimeSpan.FromHours(1));
        await store.TryMarkProcessedAsync("teams", "chat-1", "activity-1", TimeSpan.FromHours(1));

        var names = new List<string>();
        await foreach (var blob in Container().GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        Assert.Equal(2, names.Count);
        Assert.All(names, n => Assert.Matches("^(state/[0-9a-f]{64}/[0-9a-f]{64}/[0-9a-f]{64}|processed/[0-9a-f]{64}/[0-9a-f]{64}/[0-9a-f]{64})$", n));
        store.Dispose();
    }

    [Fact]
    public async Task A_container_from_before_record_kinds_keeps_walkthroughs_and_installs_and_drops_old_references()
    {
        // Written as the old version did: every record a walkthrough blob, references under a pseudo channel.
        using (var old = new AzureBlobStateStore(Container(), TimeProvider.System))
        {
            await old.TryWriteAsync(new StateKey("teams", "19:a@thread.v2", "29:alice"), [1], null, TimeSpan.FromHours(1));
            await old.TryWriteAsync(LegacyRecords.SlackInstallKey("T0PRACTICE"), [2], null, TimeSpan.FromHours(1));
            await old.TryWriteAsync(new StateKey(LegacyRecords.TeamsReferenceChannel, "19:a@thread.v2", "bot"), [3], null, TimeSpan.FromHours(1));
        }

        using var store = new AzureBlobStateStore(Container(), TimeProvider.System);

        Assert.Equal([1], (await store.ReadAsync(new StateKey("teams", "19:a@thread.v2", "29:alice")))!.Data);
        Assert.Equal([2], (await store.ReadAsync(LegacyRecords.SlackInstallKey("T0PRACTICE")))!.Data);
        Assert.Null(await store.ReadAsync(new StateKey(LegacyRecords.TeamsReferenceChannel, "19:a@thread.v2", "bot")));
    }

    [Fact]
    public async Task A_credential_limited_to_an_existing_container_is_enough()
    {
        await Container().CreateAsync();
        var sas = Container().GenerateSasUri(
            BlobContainerSasPermissions.Read | BlobContainerSasPermissions.Write | BlobContainerSasPermissions.Create |
            BlobContainerSasPermissions.Delete | BlobContainerSasPermissions.List,
            DateTimeOffset.UtcNow.AddHours(1));
        using var store = new AzureBlobStateStore(new BlobContainerClient(sas), TimeProvider.System);
        var key = new StateKey("slack", "C123", "U456");

        Assert.True(await store.IsReachableAsync());
        Assert.NotNull(await store.TryWriteAsync(key, [5], null, TimeSpan.FromHours(1)));
        Assert.Equal([5], (await store.ReadAsync(key))!.Data);
        Assert.Equal(1, (await store.DeleteUserAsync("slack", "U456")).Removed);
    }

    [Fact]
    public async Task The_purge_leaves_other_blobs_in_the_container_alone()
    {
        using var store = new AzureBlobStateStore(Container(), TimeProvider.System);
        await store.TryMarkProcessedAsync("teams", "chat-1", "activity-1", TimeSpan.FromMinutes(1));
        await Container().UploadBlobAsync("operator-notes.txt", BinaryData.FromString("kept"));

        Assert.Equal(0, await store.PurgeExpiredAsync());

        Assert.True(await Container().GetBlobClient("operator-notes.txt").ExistsAsync());
    }

    [Fact]
    public async Task An_unreachable_account_is_reported_not_ready()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var nowhere = new BlobServiceClient(
            System.Text.RegularExpressions.Regex.Replace(azurite.ConnectionString, @"127\.0\.0\.1:\d+", "127.0.0.1:1"),
            new BlobClientOptions { Retry = { MaxRetries = 0 } });
        using var store = new AzureBlobStateStore(nowhere.GetBlobContainerClient(_container), TimeProvider.System);

        Assert.False(await store.IsReachableAsync());
    }

    [Fact]
    public async Task Storage_Provider_AzureBlob_makes_the_app_use_this_container()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = azurite.ConnectionString,
            ["Storage:AzureBlob:Container"] = _container,
        }).Build();
        await using var services = new ServiceCollection().AddConversations(configuration).BuildServiceProvider();

        var store = services.GetRequiredService<IStateStore>();

        Assert.IsType<AzureBlobStateStore>(store);
        Assert.True(await store.IsReachableAsync());
        Assert.True(await Container().ExistsAsync());
    }

    [Theory]
    [InlineData("create")]
    [InlineData("update")]
    public async Task A_write_whose_answer_is_lost_and_that_the_sdk_sends_again_is_still_a_success(string write)
    {
        // The service stores the upload but its answer never arrives; the SDK sends it again, and that second try
        // fails its own condition (the blob now exists, or has a new ETag). It is this write, not another writer's.
        var losing = new LoseOneAnswer();
        var options = new BlobClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.AddPolicy(losing, Azure.Core.HttpPipelinePosition.PerRetry);
        using var store = new AzureBlobStateStore(new BlobServiceClient(azurite.ConnectionString, options).GetBlobContainerClient(_container), TimeProvider.System);
        var key = new StateKey("teams", "19:chat@thread.v2", "29:alice");
        var etag = write == "update" ? await store.TryWriteAsync(key, [1], null, TimeSpan.FromHours(1)) : null;

        losing.Armed = true;
        var written = await store.TryWriteAsync(key, [2], etag, TimeSpan.FromHours(1));

        Assert.Equal(1, losing.Lost);
        Assert.NotNull(written);
        var stored = (await store.ReadAsync(key))!;
        Assert.Equal([2], stored.Data);
        Assert.Equal(written, stored.ETag);
    }

    private BlobContainerClient Container() => new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(_container);

    /// <summary>Once armed, lets the next conditional upload reach the service and then loses its answer.</summary>
    private sealed class LoseOneAnswer : Azure.Core.Pipeline.HttpPipelinePolicy
    {
        public volatile bool Armed;

        public int Lost { get; private set; }

        public override void Process(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            Lose(message);
        }

        public override async ValueTask ProcessAsync(Azure.Core.HttpMessage message, ReadOnlyMemory<Azure.Core.Pipeline.HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            Lose(message);
        }

        private void Lose(Azure.Core.HttpMessage message)
        {
            var conditional = message.Request.Headers.TryGetValue("If-Match", out _) || message.Request.Headers.TryGetValue("If-None-Match", out _);
            if (Armed && message.Request.Method == Azure.Core.RequestMethod.Put && conditional && message.Response.Status is 201)
            {
                Armed = false;
                Lost++;
                throw new IOException("the service's answer was lost");
            }
        }
    }
}
