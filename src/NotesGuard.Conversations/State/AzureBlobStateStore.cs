using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using NotesGuard.Conversations.Engine;

namespace NotesGuard.Conversations.State;

/// <summary>
/// Azure Blob Storage store for several instances behind a load balancer: one small blob per walkthrough, written
/// with If-Match (the ETag read) or If-None-Match * (only if absent), so the storage service decides between
/// concurrent writers. The expiry lives in the blob's metadata; an expired blob reads as absent and may be
/// replaced (If-Match on the expired blob's ETag, so two replacers cannot both win). "Now" comes from the
/// injected clock, like the SQLite store.
/// <para>
/// Each <see cref="RecordKind"/> has its own prefix, fixed in code (walkthroughs keep the original "state/"), and
/// blob names are made of SHA-256 hashes of the ids, one segment each, so no id (or anything a client typed)
/// appears in a name and no id can break out of its segment or into another kind:
/// <c>{kind}/{channel}/{user}/{conversation}</c> and <c>processed/{channel}/{conversation}/{delivery}</c>.
/// The person a record belongs to is a hash in its metadata too, which "forget me" lists by.
/// </para>
/// </summary>
public sealed class AzureBlobStateStore : IStateStore, IDisposable
{
    private const string StatePrefix = "state/";
    private const string ProcessedPrefix = "processed/";

    // Metadata names must be C# identifiers; lower case because the service may return them lower-cased.
    private const string ExpiresMetadata = "expires";
    private const string OwnerMetadata = "owner";

    // A random id per upload: the SDK sends an upload again when its answer is lost (a timeout, a 500 after the write),
    // and that retry then fails its own condition against the first try's success. The id tells the two apart.
    private const string WriteMetadata = "write";

    private static readonly BinaryData Empty = BinaryData.FromBytes(ReadOnlyMemory<byte>.Empty);

    private readonly BlobContainerClient _container;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _containerLock = new(1, 1);
    private volatile bool _containerReady;

    public AzureBlobStateStore(BlobContainerClient container, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _clock = clock;
    }

    /// <summary>The container named in the settings, reached by connection string or by DefaultAzureCredential.</summary>
    public static BlobContainerClient ContainerFrom(AzureBlobStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var service = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(
                new Uri(options.ServiceUri!),
                new DefaultAzureCredential(new DefaultAzureCredentialOptions
                {
                    ManagedIdentityClientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId,
                }))
            : new BlobServiceClient(options.ConnectionString);
        return service.GetBlobContainerClient(options.Container);
    }

    /// <summary>The blob prefix of one kind; walkthroughs keep the name they had before kinds existed.</summary>
    public static string PrefixOf(RecordKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind == RecordKind.Walkthrough ? StatePrefix : kind.Name + "/";
    }

    public async Task<StoredState?> ReadAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var download = await RecordBlob(kind, key).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var details = download.Value.Details;
            var expires = ExpiresOf(details.Metadata);
            return expires > Now()
                ? new StoredState(download.Value.Content.ToArray(), details.ETag.ToString(), expires)
                : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<string?> TryWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(data);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var blob = RecordBlob(kind, key);
        var content = BinaryData.FromBytes(data);
        ETag? replaced;
        if (expectedETag is null)
        {
            replaced = await CreateOrReplaceExpiredAsync(blob, content, owner, timeToLive, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Blob conditions cannot test metadata, so check the expiry first; the If-Match on the write still
            // guarantees nobody wrote in between.
            var current = await PropertiesAsync(blob, new BlobRequestConditions { IfMatch = new ETag(expectedETag) }, cancellationToken).ConfigureAwait(false);
            replaced = current is not null && ExpiresOf(current.Metadata) > Now()
                ? await UploadAsync(blob, content, owner, timeToLive, new BlobRequestConditions { IfMatch = new ETag(expectedETag) }, cancellationToken).ConfigureAwait(false)
                : null;
        }

        return replaced?.ToString();
    }

    public async Task DeleteAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        await RecordBlob(kind, key).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteOwnedAsync(RecordKind kind, string channelId, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var ownerSegment = Segment(owner);
        var channelPrefix = $"{PrefixOf(kind)}{Segment(channelId)}/";

        // Walkthroughs are named by their owner, so one prefix finds them. Other kinds name their owner only in
        // metadata (a reference is looked up by conversation alone); "forget me" is rare, so it lists the channel.
        var prefix = kind == RecordKind.Walkthrough ? $"{channelPrefix}{ownerSegment}/" : channelPrefix;
        var removed = 0;
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            var owned = item.Name.AsSpan(channelPrefix.Length).StartsWith(ownerSegment + "/", StringComparison.Ordinal) ||
                        (item.Metadata is not null && item.Metadata.TryGetValue(OwnerMetadata, out var stored) && stored == ownerSegment);
            // Only the version listed as this person's: a record that moved to someone else since is theirs now.
            if (owned && await DeleteListedAsync(item, cancellationToken).ConfigureAwait(false))
            {
                removed++;
            }
        }

        return removed;
    }

    private async Task<bool> DeleteListedAsync(BlobItem item, CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.GetBlobClient(item.Name).DeleteIfExistsAsync(
                conditions: new BlobRequestConditions { IfMatch = item.Properties.ETag }, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    public async Task<bool> TryMarkProcessedAsync(string channelId, string conversationId, string deliveryId, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var blob = _container.GetBlobClient($"{ProcessedPrefix}{Segment(channelId)}/{Segment(conversationId)}/{Segment(deliveryId)}");
        return await CreateOrReplaceExpiredAsync(blob, Empty, owner: "", timeToLive, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>
    /// Blob storage has no transactions across blobs, so the mark and the read go out together: one round trip of
    /// latency instead of two. A duplicate's read is wasted, and discarded unseen.
    /// </summary>
    public async Task<FirstDelivery> TryMarkProcessedAndReadAsync(RecordKind kind, StateKey key, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var mark = TryMarkProcessedAsync(key.ChannelId, key.ConversationId, deliveryId, duplicateWindow, cancellationToken);
        var read = ReadAsync(kind, key, cancellationToken);
        try
        {
            await Task.WhenAll(mark, read).ConfigureAwait(false);
        }
        catch (RequestFailedException) when (mark.IsCompletedSuccessfully && !mark.Result)
        {
            // A duplicate whose read failed: nothing is answered either way.
        }

        return await mark.ConfigureAwait(false) ? new FirstDelivery(true, await read.ConfigureAwait(false)) : new FirstDelivery(false, null);
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var now = Now();
        var removed = 0;
        var expired = ExpiredBlobsAsync(now, cancellationToken);
        await Parallel.ForEachAsync(
            expired,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                try
                {
                    // If-Match: a blob rewritten since it was listed is live again and stays.
                    var deleted = await _container.GetBlobClient(item.Name)
                        .DeleteIfExistsAsync(DeleteSnapshotsOption.None, new BlobRequestConditions { IfMatch = item.Properties.ETag }, token)
                        .ConfigureAwait(false);
                    if (deleted.Value)
                    {
                        Interlocked.Increment(ref removed);
                    }
                }
                catch (RequestFailedException ex) when (ex.Status == 412)
                {
                    // Rewritten since listed.
                }
            }).ConfigureAwait(false);
        return removed;
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);

            // Listing needs only what the store itself needs, so a SAS limited to the container passes too.
            await foreach (var _ in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, StatePrefix, cancellationToken)
                               .AsPages(pageSizeHint: 1).ConfigureAwait(false))
            {
                break;
            }

            return true;
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or AuthenticationFailedException or HttpRequestException)
        {
            return false;
        }
    }

    // The lock is not disposed: a call waiting on it must still get it (a SemaphoreSlim holds nothing to free unless
    // its wait handle was asked for), rather than wait for ever or throw from its release.
    public void Dispose()
    {
    }

    private async IAsyncEnumerable<BlobItem> ExpiredBlobsAsync(DateTimeOffset now, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Only this store's prefixes: anything else an operator keeps in the container is left alone.
        foreach (var prefix in RecordKind.All.Select(PrefixOf).Append(ProcessedPrefix))
        {
            await foreach (var item in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
            {
                if (ExpiresOf(item.Metadata) <= now)
                {
                    yield return item;
                }
            }
        }
    }

    /// <summary>Writes when the blob is absent or expired; returns the new ETag, or null when a live blob is there.</summary>
    private async Task<ETag?> CreateOrReplaceExpiredAsync(BlobClient blob, BinaryData content, string owner, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var created = await UploadAsync(blob, content, owner, timeToLive, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken).ConfigureAwait(false);
        if (created is not null)
        {
            return created;
        }

        var existing = await PropertiesAsync(blob, conditions: null, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            // Deleted in between: try creating once more; losing again means another writer won.
            return await UploadAsync(blob, content, owner, timeToLive, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken).ConfigureAwait(false);
        }

        return ExpiresOf(existing.Metadata) <= Now()
            ? await UploadAsync(blob, content, owner, timeToLive, new BlobRequestConditions { IfMatch = existing.ETag }, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>The new ETag, or null when the condition failed (another writer won).</summary>
    private async Task<ETag?> UploadAsync(BlobClient blob, BinaryData content, string owner, TimeSpan timeToLive, BlobRequestConditions conditions, CancellationToken cancellationToken)
    {
        var write = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var metadata = new Dictionary<string, string>(3)
        {
            [ExpiresMetadata] = (Now() + timeToLive).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            [WriteMetadata] = write,
        };
        if (owner.Length > 0)
        {
            metadata[OwnerMetadata] = Segment(owner);
        }

        var options = new BlobUploadOptions { Conditions = conditions, Metadata = metadata };
        try
        {
            var uploaded = await blob.UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
            return uploaded.Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            // Not a lost race: the container itself is gone (deleted, or lost by the service). Read as "another writer
            // won", every turn would look like a duplicate and go unanswered. Fail this turn and create it next time.
            _containerReady = false;
            throw;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlobAlreadyExists || ex.Status is 404 or 412)
        {
            // 409 BlobAlreadyExists (If-None-Match *), 412 ConditionNotMet (If-Match), 404 gone before If-Match. Any
            // other 409 (a lease, a container being deleted) is not a lost race and is thrown. A blob carrying this
            // upload's id is this upload's, whose first answer was lost: a success, not another writer.
            return ex.Status is 409 or 412 && await PropertiesAsync(blob, conditions: null, cancellationToken).ConfigureAwait(false) is { } now
                && now.Metadata.TryGetValue(WriteMetadata, out var id) && id == write
                ? now.ETag
                : null;
        }
    }

    private static async Task<BlobProperties?> PropertiesAsync(BlobClient blob, BlobRequestConditions? conditions, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(conditions, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady)
        {
            return;
        }

        await _containerLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_containerReady)
            {
                try
                {
                    await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException ex) when (ex.Status == 403)
                {
                    // A credential limited to one container (a container SAS, a role assigned on the container)
                    // may not create containers: the operator created it, and every later call shows whether it works.
                }

                await DropLegacyReferencesAsync(cancellationToken).ConfigureAwait(false);
                _containerReady = true;
            }
        }
        finally
        {
            _containerLock.Release();
        }
    }

    /// <summary>
    /// Teams references from before record kinds sat among the walkthroughs under a pseudo channel, without an owner
    /// "forget me" could find; they are saved again, as their own kind, the next time each conversation speaks.
    /// </summary>
    private async Task DropLegacyReferencesAsync(CancellationToken cancellationToken)
    {
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{StatePrefix}{Segment(LegacyRecords.TeamsReferenceChannel)}/", cancellationToken).ConfigureAwait(false))
        {
            await _container.GetBlobClient(item.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private BlobClient RecordBlob(RecordKind kind, StateKey key) =>
        _container.GetBlobClient($"{PrefixOf(kind)}{Segment(key.ChannelId)}/{Segment(key.UserId)}/{Segment(key.ConversationId)}");

    /// <summary>A record without a readable expiry is treated as expired: it was not written by this store.</summary>
    private static DateTimeOffset ExpiresOf(IDictionary<string, string>? metadata) =>
        metadata is not null &&
        metadata.TryGetValue(ExpiresMetadata, out var value) &&
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : DateTimeOffset.MinValue;

    private static string Segment(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private DateTimeOffset Now() => _clock.GetUtcNow();
}
