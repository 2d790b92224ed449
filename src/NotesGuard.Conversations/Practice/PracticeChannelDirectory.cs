using System.Text.Json;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Conversations.Practice;

/// <summary>
/// The shared conversations NotesGuard is in, one list per channel as its own kind of record
/// (<see cref="RecordKind.PracticeChannel"/>): Teams adds a channel or group chat when it saves that conversation's
/// reference and removes it when the bot is removed; Slack adds a channel when the bot joins or is mentioned there
/// and removes it when the bot leaves. "Post to every channel" means this list. The record holds ids only: display
/// names (a Teams chat topic can be a client's name) are kept in this instance's memory only, in <see cref="Names"/>,
/// never stored and never logged.
/// </summary>
public sealed class PracticeChannelDirectory(IStateStore store, TimeProvider clock)
{
    /// <summary>A practice rarely has more; beyond this new channels are not listed (and the API says so by omission).</summary>
    public const int MaxEntries = 1000;

    // Refreshed with every change; a practice whose bot has seen no change for this long has likely left.
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    /// <summary>The longest name kept; longer names are cut (a button title has little room).</summary>
    public const int MaxNameLength = 80;

    /// <summary>The display names this instance has been told or has looked up; in memory only.</summary>
    public PracticeChannelNames Names { get; } = new(clock);

    public async Task<IReadOnlyList<PracticeTarget>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListGroupsAsync(cancellationToken).ConfigureAwait(false)).Select(g => g.Target)];

    /// <summary>Every listed conversation with the display name this instance holds for it, if any (nothing is asked).</summary>
    public async Task<IReadOnlyList<PracticeGroup>> ListGroupsAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<PracticeGroup>();
        foreach (var channel in (string[])[PracticeTarget.Teams, PracticeTarget.Slack])
        {
            var stored = await store.ReadAsync(RecordKind.PracticeChannel, Key(channel), cancellationToken).ConfigureAwait(false);
            foreach (var entry in stored is null ? [] : Read(stored.Data))
            {
                var target = new PracticeTarget(channel, entry.ConversationId, entry.TeamId);
                all.Add(new PracticeGroup(target, Names.TryGet(target, out var name) ? name : null));
            }
        }

        return all;
    }

    /// <summary>
    /// The group with its display name: the one in memory, else <paramref name="channel"/>'s answer (kept in memory
    /// only, "none" too, so a pick list does not ask again every time).
    /// </summary>
    public async Task<PracticeGroup> WithNameAsync(PracticeGroup group, IPracticeShareChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(channel);
        if (group.Name is not null || Names.TryGet(group.Target, out _))
        {
            return group;
        }

        var name = CleanName(await channel.NameAsync(group.Target, cancellationToken).ConfigureAwait(false));
        Names.RememberAnswer(group.Target, name);
        return group with { Name = name };
    }

    public Task AddAsync(PracticeTarget target, CancellationToken cancellationToken = default) =>
        AddAsync(target, name: null, cancellationToken);

    /// <summary>Lists the conversation; <paramref name="name"/>, when given, is held in memory only (null keeps the one held).</summary>
    public Task AddAsync(PracticeTarget target, string? name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        Names.Remember(target, name);
        return ChangeAsync(target, add: true, cancellationToken);
    }

    public Task RemoveAsync(PracticeTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        Names.Forget(target);
        return ChangeAsync(target, add: false, cancellationToken);
    }

    /// <summary>
    /// Rewrites each channel's list without the display names that versions before names left the store kept in it
    /// (a group chat's topic can be a client's name). A change to a list does that too, but a quiet deployment may see
    /// none for months; the app calls this once when it starts. True when a list was rewritten.
    /// </summary>
    public async Task<bool> ScrubLegacyNamesAsync(CancellationToken cancellationToken = default)
    {
        var rewritten = false;
        foreach (var channel in (string[])[PracticeTarget.Teams, PracticeTarget.Slack])
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var stored = await store.ReadAsync(RecordKind.PracticeChannel, Key(channel), cancellationToken).ConfigureAwait(false);
                var entries = stored is null ? [] : Read(stored.Data);
                if (!HasLegacyNames(entries))
                {
                    break;
                }

                // Kept only as long as it would have been: the scrub is not a change that renews the list.
                var data = JsonSerializer.SerializeToUtf8Bytes(WithoutNames(entries), PracticeJsonContext.Default.ListDirectoryEntry);
                var remaining = stored!.ExpiresAt - clock.GetUtcNow();
                if (remaining <= TimeSpan.Zero
                    || await store.TryWriteAsync(RecordKind.PracticeChannel, Key(channel), "", data, stored.ETag, remaining, cancellationToken).ConfigureAwait(false) is not null)
                {
                    rewritten = true;
                    break;
                }
            }
        }

        return rewritten;
    }

    /// <summary>A name as the channel gave it, made fit for a button: one line, trimmed, at most <see cref="MaxNameLength"/>.</summary>
    public static string? CleanName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var oneLine = string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => new string([.. word.Where(c => !char.IsControl(c))])).Where(word => word.Length > 0));
        return oneLine.Length == 0 ? null : oneLine.Length <= MaxNameLength ? oneLine : oneLine[..(MaxNameLength - 1)].TrimEnd() + "…";
    }

    private async Task ChangeAsync(PracticeTarget target, bool add, CancellationToken cancellationToken)
    {
        var key = Key(target.ChannelId);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var stored = await store.ReadAsync(RecordKind.PracticeChannel, key, cancellationToken).ConfigureAwait(false);
            var entries = stored is null ? [] : Read(stored.Data);
            var index = entries.FindIndex(e => e.ConversationId == target.ConversationId && e.TeamId == target.TeamId);

            // Lists written before names left the store still carry them: the first change rewrites the list without.
            var legacy = HasLegacyNames(entries);
            if (legacy)
            {
                entries = WithoutNames(entries);
            }

            if (add ? index >= 0 && !legacy : index < 0 && !legacy)
            {
                return;
            }

            if (add && index < 0)
            {
                if (entries.Count >= MaxEntries)
                {
                    return;
                }

                entries.Add(new DirectoryEntry(target.ConversationId, target.TeamId, clock.GetUtcNow()));
            }
            else if (!add && index >= 0)
            {
                entries.RemoveAt(index);
            }

            var data = JsonSerializer.SerializeToUtf8Bytes(entries, PracticeJsonContext.Default.ListDirectoryEntry);
            if (await store.TryWriteAsync(RecordKind.PracticeChannel, key, "", data, stored?.ETag, Lifetime, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }
    }

    /// <summary>Written by a build before names left the store: it still carries them.</summary>
    private static bool HasLegacyNames(List<DirectoryEntry> entries) => entries.Exists(e => e.Name is not null || e.NameAskedAt is not null);

    private static List<DirectoryEntry> WithoutNames(List<DirectoryEntry> entries) => entries.ConvertAll(e => e with { Name = null, NameAskedAt = null });

    private static StateKey Key(string channelId) => new(channelId, "practice-channels", "");

    private static List<DirectoryEntry> Read(byte[] data)
    {
        try
        {
            return JsonSerializer.Deserialize(data, PracticeJsonContext.Default.ListDirectoryEntry) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>
/// One listed conversation: ids and when it was listed. <see cref="Name"/> and <see cref="NameAskedAt"/> are only read,
/// from lists written before names left the store, so the next change can drop them; they are never written.
/// </summary>
internal sealed record DirectoryEntry(string ConversationId, string? TeamId, DateTimeOffset AddedAt, string? Name = null, DateTimeOffset? NameAskedAt = null);

/// <summary>A listed conversation and its display name (null when none is held in memory).</summary>
public sealed record PracticeGroup(PracticeTarget Target, string? Name);
