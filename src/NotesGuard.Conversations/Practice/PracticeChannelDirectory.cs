using System.Text.Json;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Conversations.Practice;

/// <summary>
/// The shared conversations NotesGuard is in, one list per channel as its own kind of record
/// (<see cref="RecordKind.PracticeChannel"/>): Teams adds a channel or group chat when it saves that conversation's
/// reference and removes it when the bot is removed; Slack adds a channel when the bot joins or is mentioned there
/// and removes it when the bot leaves. "Post to every channel" means this list. Ids, and the conversation's own
/// display name when the channel gives one (so a sharer picks "Supervision Tuesdays", not an id); never people.
/// A name is not client data, but it is still kept out of logs.
/// </summary>
public sealed class PracticeChannelDirectory(IStateStore store, TimeProvider clock)
{
    /// <summary>A practice rarely has more; beyond this new channels are not listed (and the API says so by omission).</summary>
    public const int MaxEntries = 1000;

    // Refreshed with every change; a practice whose bot has seen no change for this long has likely left.
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    private static readonly TimeSpan AskNameAgainAfter = TimeSpan.FromDays(1);

    /// <summary>The longest name kept; longer names are cut (a button title has little room).</summary>
    public const int MaxNameLength = 80;

    public async Task<IReadOnlyList<PracticeTarget>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await ListGroupsAsync(cancellationToken).ConfigureAwait(false)).Select(g => g.Target)];

    /// <summary>Every listed conversation with its display name, when the channel gave one.</summary>
    public async Task<IReadOnlyList<PracticeGroup>> ListGroupsAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<PracticeGroup>();
        foreach (var channel in (string[])[PracticeTarget.Teams, PracticeTarget.Slack])
        {
            var stored = await store.ReadAsync(RecordKind.PracticeChannel, Key(channel), cancellationToken).ConfigureAwait(false);
            all.AddRange(stored is null ? [] : Read(stored.Data).Select(e => new PracticeGroup(new PracticeTarget(channel, e.ConversationId, e.TeamId), e.Name)));
        }

        return all;
    }

    public Task AddAsync(PracticeTarget target, CancellationToken cancellationToken = default) =>
        AddAsync(target, name: null, cancellationToken);

    /// <summary>Lists the conversation, or renames it when <paramref name="name"/> is new (null keeps the name it has).</summary>
    public Task AddAsync(PracticeTarget target, string? name, CancellationToken cancellationToken = default) =>
        ChangeAsync(target, add: true, CleanName(name), null, cancellationToken);

    /// <summary>
    /// Lists the conversation, asking <paramref name="lookUpName"/> for its name only when it is new, or has none yet
    /// and was last asked a day ago or more, so a channel that must be asked (Slack's conversations.info) is not asked
    /// on every message.
    /// </summary>
    public Task AddAsync(PracticeTarget target, Func<CancellationToken, Task<string?>> lookUpName, CancellationToken cancellationToken = default) =>
        ChangeAsync(target, add: true, null, lookUpName, cancellationToken);

    public Task RemoveAsync(PracticeTarget target, CancellationToken cancellationToken = default) =>
        ChangeAsync(target, add: false, null, null, cancellationToken);

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

    private async Task ChangeAsync(
        PracticeTarget target, bool add, string? name, Func<CancellationToken, Task<string?>>? lookUpName, CancellationToken cancellationToken)
    {
        var key = Key(target.ChannelId);
        var looked = false;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var stored = await store.ReadAsync(RecordKind.PracticeChannel, key, cancellationToken).ConfigureAwait(false);
            var entries = stored is null ? [] : Read(stored.Data);
            var index = entries.FindIndex(e => e.ConversationId == target.ConversationId && e.TeamId == target.TeamId);
            if (!add && index < 0)
            {
                return;
            }

            if (add)
            {
                if (index < 0 && entries.Count >= MaxEntries)
                {
                    return;
                }

                var now = clock.GetUtcNow();
                var existing = index >= 0 ? entries[index] : null;
                var ask = lookUpName is not null
                    && (existing is null || (existing.Name is null && !(now - existing.NameAskedAt < AskNameAgainAfter)));
                if (ask && !looked)
                {
                    name = CleanName(await lookUpName!(cancellationToken).ConfigureAwait(false));
                    looked = true;
                }

                if (existing is not null && !ask && (name is null || name == existing.Name))
                {
                    return;
                }

                var asked = lookUpName is null ? existing?.NameAskedAt : now;
                if (existing is not null)
                {
                    entries[index] = existing with { Name = name ?? existing.Name, NameAskedAt = asked };
                }
                else
                {
                    entries.Add(new DirectoryEntry(target.ConversationId, target.TeamId, now, name, asked));
                }
            }
            else
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

internal sealed record DirectoryEntry(string ConversationId, string? TeamId, DateTimeOffset AddedAt, string? Name = null, DateTimeOffset? NameAskedAt = null);

/// <summary>A listed conversation and its display name (null when the channel gave none).</summary>
public sealed record PracticeGroup(PracticeTarget Target, string? Name);
