using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace NotesGuard.Conversations.State.KeyRing;

/// <summary>
/// The Data Protection key ring in the shared Blob container, one blob per key under "data-protection/", so every
/// instance encrypts and decrypts Slack tokens with the same keys. A key is written only if absent
/// (If-None-Match *): two instances creating their first key at once each keep their own, and both are read.
/// Data Protection calls a repository synchronously, and rarely: at start-up, once a day, and when it meets a key
/// id it does not know yet.
/// </summary>
public sealed class AzureBlobXmlRepository(BlobContainerClient container) : IXmlRepository
{
    public const string Prefix = "data-protection/";

    private volatile bool _containerReady;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureContainer();
        var elements = new List<XElement>();
        foreach (var item in container.GetBlobs(BlobTraits.None, BlobStates.None, Prefix, CancellationToken.None))
        {
            try
            {
                var content = container.GetBlobClient(item.Name).DownloadContent().Value.Content;
                elements.Add(XElement.Parse(content.ToString()));
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Deleted by an operator between listing and reading.
            }
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        EnsureContainer();
        // Key names are "key-{guid}"; anything else (a revocation) gets a fresh name so nothing is overwritten.
        var name = string.IsNullOrEmpty(friendlyName) || friendlyName.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-')
            ? Guid.NewGuid().ToString("N")
            : friendlyName;
        try
        {
            container.GetBlobClient($"{Prefix}{name}.xml").Upload(
                BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } });
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Already stored: keys are immutable, so the stored copy is the same key.
        }
    }

    private void EnsureContainer()
    {
        if (_containerReady)
        {
            return;
        }

        try
        {
            container.CreateIfNotExists(PublicAccessType.None);
        }
        catch (RequestFailedException ex) when (ex.Status == 403)
        {
            // A credential limited to the container may not create it; the operator did.
        }

        _containerReady = true;
    }
}
