using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Slack.Install;

/// <summary>
/// Workspace installs in the app's state store (no second database) as their own kind of record
/// (<see cref="RecordKind.SlackInstallation"/>), one per team, owned by no person, so no "forget me" can reach
/// them. The whole record is encrypted with ASP.NET Data Protection, whose key ring lives with the shared store
/// (docs/hosting.md), so a copied database file alone does not give away bot tokens and every instance can read
/// an install made through another.
/// </summary>
public sealed class SlackInstallStore(IStateStore store, IDataProtectionProvider protection, ILogger<SlackInstallStore> logger)
{
    private const string Channel = "slack";

    /// <summary>Installs last until Slack revokes them; the store wants an expiry, so make it long.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(3650);

    private readonly IDataProtector _protector = protection.CreateProtector("NotesGuard.Slack.Installations.v1");

    public static StateKey KeyOf(string teamId) => new(Channel, teamId, "");

    public async Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var data = _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(installation, SlackInstallJsonContext.Default.SlackInstallation));
        await WriteAsync(KeyOf(installation.TeamId), data, cancellationToken);
    }

    public async Task<SlackInstallation?> FindAsync(string teamId, CancellationToken cancellationToken = default)
    {
        var stored = await store.ReadAsync(RecordKind.SlackInstallation, KeyOf(teamId), cancellationToken)
                     ?? await MoveLegacyAsync(teamId, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(_protector.Unprotect(stored.Data), SlackInstallJsonContext.Default.SlackInstallation);
        }
        catch (CryptographicException)
        {
            // Keys lost or rotated away: the workspace must install again; never fall back to anything else.
            logger.LogWarning("The Slack install of team {TeamId} cannot be decrypted; reinstall NotesGuard there", teamId);
            return null;
        }
    }

    public Task DeleteAsync(string teamId, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(RecordKind.SlackInstallation, KeyOf(teamId), cancellationToken);

    /// <summary>
    /// An install saved before record kinds sits among the walkthroughs under a pseudo channel: move it, encrypted
    /// as it is, to its own kind the first time it is wanted.
    /// </summary>
    private async Task<StoredState?> MoveLegacyAsync(string teamId, CancellationToken cancellationToken)
    {
        var legacyKey = LegacyRecords.SlackInstallKey(teamId);
        var legacy = await store.ReadAsync(RecordKind.Walkthrough, legacyKey, cancellationToken);
        if (legacy is null)
        {
            return null;
        }

        await WriteAsync(KeyOf(teamId), legacy.Data, cancellationToken);
        await store.DeleteAsync(RecordKind.Walkthrough, legacyKey, cancellationToken);
        logger.LogInformation("Moved the Slack install of team {TeamId} to its own record kind", teamId);
        return await store.ReadAsync(RecordKind.SlackInstallation, KeyOf(teamId), cancellationToken);
    }

    private async Task WriteAsync(StateKey key, byte[] data, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await store.ReadAsync(RecordKind.SlackInstallation, key, cancellationToken);
            if (await store.TryWriteAsync(RecordKind.SlackInstallation, key, owner: "", data, current?.ETag, Lifetime, cancellationToken) is not null)
            {
                return;
            }
        }

        throw new InvalidOperationException("could not save the Slack install: the record kept changing");
    }
}
