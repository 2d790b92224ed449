using System.Text.Json;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Conversations.Practice;

/// <summary>
/// The shared conversations NotesGuard is in, one list per channel as its own kind of record
/// (<see cref="RecordKind.PracticeChannel"/>): Teams adds a channel or group chat when it saves that conversation's
/// reference and removes it when the bot is removed; Slack adds a channel when the bot joins or is mentioned there
/// and removes it when the bot leaves. "Post to every channel" means this list. Ids only, no names or people.
/// </summary>
public sealed class PracticeChannelDirectory(IStateStore store, TimeProvider clock)
{
    /// <summary>A practice rarely has more; beyond this new channels are not listed (and the API says so by omission).</summary>
    public const int MaxEntries = 1000;

    // Refreshed with every change; a practice whose bot has seen no change for this long has likely left.
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(400);

    public async Task<IReadOnlyList<PracticeTarget>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<PracticeTarget>();
        foreach (var channel in (string[])[PracticeTarget.Teams, PracticeTarget.Slack])
        {
            var stored = await store.ReadAsync(RecordKind.PracticeChannel, Key(channel), cancellationToken).ConfigureAwait(false);
            all.AddRange(stored is null ? [] : Read(stored.Data).Select(e => new PracticeTarget(channel, e.ConversationId, e.TeamId)));
        }

        return all;
    }

    public Task AddAsync(PracticeTarget target, CancellationToken cancellationToken = default) =>
        ChangeAsync(target, add: true, cancellationToken);

    public Task RemoveAsync(PracticeTarget target, CancellationToken cancellationToken = default) =>
        ChangeAsync(target, add: false, cancellationToken);

    private async Task ChangeAsync(PracticeTarget target, bool add, CancellationToken cancellationToken)
    {
        var key = Key(target.ChannelId);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var stored = await store.ReadAsync(RecordKind.PracticeChannel, key, cancellationToken).ConfigureAwait(false);
            var entries = stored is null ? [] : Read(stored.Data);
            var index = entries.FindIndex(e => e.ConversationId == target.ConversationId && e.TeamId == target.TeamId);
            if (add == (index >= 0) || (add && entries.Count >= MaxEntries))
            {
                return;
            }

            if (add)
            {
                entries.Add(new DirectoryEntry(target.ConversationId, target.TeamId, clock.GetUtcNow()));
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

internal sealed record DirectoryEntry(string ConversationId, string? TeamId, DateTimeOffset AddedAt);
