using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Slack.Install;

/// <summary>
/// Workspace installs in the app's state store (no second database), one record per team under the
/// "slack-install" channel, the whole record encrypted with ASP.NET Data Protection so a copied database
/// file does not give away bot tokens.
/// </summary>
public sealed class SlackInstallStore(IStateStore store, IDataProtectionProvider protection, ILogger<SlackInstallStore> logger)
{
    public const string ChannelId = "slack-install";

    /// <summary>Installs last until Slack revokes them; the store wants an expiry, so make it long.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(3650);

    private readonly IDataProtector _protector = protection.CreateProtector("NotesGuard.Slack.Installations.v1");

    public static StateKey KeyOf(string teamId) => new(ChannelId, teamId, "bot");

    public async Task SaveAsync(SlackInstallation installation, CancellationToken cancellationToken = default)
    {
        var data = _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(installation, SlackInstallJsonContext.Default.SlackInstallation));
        var key = KeyOf(installation.TeamId);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await store.ReadAsync(key, cancellationToken);
            if (await store.TryWriteAsync(key, data, current?.ETag, Lifetime, cancellationToken) is not null)
            {
                return;
            }
        }

        throw new InvalidOperationException("could not save the Slack install: the record kept changing");
    }

    public async Task<SlackInstallation?> FindAsync(string teamId, CancellationToken cancellationToken = default)
    {
        var stored = await store.ReadAsync(KeyOf(teamId), cancellationToken);
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

    public Task DeleteAsync(string teamId, CancellationToken cancellationToken = default) => store.DeleteAsync(KeyOf(teamId), cancellationToken);
}
