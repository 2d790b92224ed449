using System.Collections.Concurrent;

namespace NotesGuard.Conversations.Practice;

/// <summary>
/// Display names of the conversations NotesGuard is in, kept in this instance's memory only, never in the store: a
/// Teams chat topic can be a client's name ("Case conf – J. Doe"), and the bot stores answer codes, never free text.
/// Bounded (<see cref="MaxEntries"/>) and each name forgotten after <see cref="Lifetime"/>, so a renamed chat or one
/// NotesGuard left does not linger. A restart forgets them all; the pick list then shows the neutral label until the
/// channel says the name again.
/// </summary>
public sealed class PracticeChannelNames(TimeProvider clock, int maxEntries = PracticeChannelNames.MaxEntries)
{
    public const int MaxEntries = 10_000;

    /// <summary>Well beyond the hourly refresh a chat in use gives, so its name stays; short enough that a Slack rename shows within hours.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    // A name told again within this time need not be told again, so a busy chat costs no allocation per message.
    private static readonly TimeSpan RefreshAfter = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<Key, Entry> _names = new();

    /// <summary>How many conversations this instance holds a name (or a "none") for; never more than the bound.</summary>
    public int Count => _names.Count;

    /// <summary>True when a name was told for the conversation within the last hour, so telling it again can wait.</summary>
    public bool IsFresh(string channelId, string conversationId, string? teamId) =>
        _names.TryGetValue(new Key(channelId, conversationId, teamId), out var entry) && clock.GetUtcNow() - entry.At < RefreshAfter;

    /// <summary>Whether a name is held for the conversation (a null held is an answer too: asked, and there is none).</summary>
    public bool TryGet(PracticeTarget target, out string? name)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (_names.TryGetValue(KeyOf(target), out var entry) && clock.GetUtcNow() - entry.At < Lifetime)
        {
            name = entry.Name;
            return true;
        }

        name = null;
        return false;
    }

    /// <summary>Holds the name the channel gave (cleaned for a button); a null from a message never wipes a held name.</summary>
    public void Remember(PracticeTarget target, string? name) => Put(target, PracticeChannelDirectory.CleanName(name), keepOld: true);

    /// <summary>Holds a looked-up answer, "none" included, so a nameless channel is not asked on every pick list.</summary>
    public void RememberAnswer(PracticeTarget target, string? name) => Put(target, PracticeChannelDirectory.CleanName(name), keepOld: false);

    public void Forget(PracticeTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _names.TryRemove(KeyOf(target), out _);
    }

    private void Put(PracticeTarget target, string? name, bool keepOld)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (name is null && keepOld)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var key = KeyOf(target);
        if (!_names.ContainsKey(key) && _names.Count >= maxEntries)
        {
            foreach (var (old, entry) in _names)
            {
                if (now - entry.At >= Lifetime)
                {
                    _names.TryRemove(old, out _);
                }
            }

            // Still full of live names: start afresh rather than grow; the cost is a neutral label or a lookup again.
            if (_names.Count >= maxEntries)
            {
                _names.Clear();
            }
        }

        _names[key] = new Entry(name, now);
    }

    private static Key KeyOf(PracticeTarget target) => new(target.ChannelId, target.ConversationId, target.TeamId);

    private readonly record struct Key(string ChannelId, string ConversationId, string? TeamId);

    private readonly record struct Entry(string? Name, DateTimeOffset At);
}
