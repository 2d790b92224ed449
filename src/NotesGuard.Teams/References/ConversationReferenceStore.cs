using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Hosting;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.State;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.References;

/// <summary>
/// Conversation references for proactive messages, kept in the app's state store (no second database) as their
/// own kind of record (<see cref="RecordKind.ConversationReference"/>). They hold ids and the service URL only; a
/// person's id only for their personal chat, which makes that reference theirs, so "forget me" deletes it. Saved
/// when the bot is installed or spoken to; rewritten only when something changed or the record is a day old, so a
/// busy chat does not cost a write per message. Kept for <see cref="TeamsOptions.ConversationReferenceLifetime"/>
/// after the last save (docs/teams.md says why 90 days).
/// </summary>
public sealed class ConversationReferenceStore
{
    private const string Channel = "msteams";
    private static readonly TimeSpan RewriteAfter = TimeSpan.FromDays(1);

    private readonly IStateStore _store;
    private readonly TimeProvider _clock;
    private readonly TeamsOptions _options;
    private readonly ILogger<ConversationReferenceStore> _logger;
    private readonly PracticeChannelDirectory? _practiceChannels;

    // What this instance saved (or found stored) per conversation, so the common turn, where nothing changed, costs
    // no store read or write and no allocation. Bounded: when full it starts afresh, which only costs a read each.
    private readonly ConcurrentDictionary<string, Saved> _recentlySaved = new(StringComparer.Ordinal);
    private readonly int _maxRemembered;

    internal ConversationReferenceStore(
        IStateStore store,
        TimeProvider clock,
        IOptions<TeamsOptions> options,
        ILogger<ConversationReferenceStore> logger,
        PracticeChannelDirectory? practiceChannels = null,
        int maxRemembered = 10_000)
    {
        _maxRemembered = maxRemembered;
        _practiceChannels = practiceChannels;
        _store = store;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    public async Task<ConversationReference?> FindAsync(string conversationId, CancellationToken cancellationToken)
    {
        var stored = await _store.ReadAsync(RecordKind.ConversationReference, Key(conversationId), cancellationToken);
        return stored is null ? null : Deserialize(stored.Data);
    }

    internal async Task SaveAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Conversation?.Id is not { } conversationId || activity.ServiceUrl is null || activity.Recipient?.Id is null)
        {
            return;
        }

        var personal = Inbound.TeamsConversation.ScopeOf(activity) == ConversationScope.Personal;
        var now = _clock.GetUtcNow();

        // The group's name lives in memory only (a chat topic can be a client's name), so it is refreshed from the
        // activity even when the reference needs no write; allocation-free when told within the hour.
        if (!personal && _practiceChannels is not null && !_practiceChannels.Names.IsFresh(PracticeTarget.Teams, conversationId, null)
            && !conversationId.Contains(";messageid=", StringComparison.Ordinal) && GroupName(activity) is { } name)
        {
            _practiceChannels.Names.Remember(new PracticeTarget(PracticeTarget.Teams, conversationId), name);
        }

        // Only a turn trusts this instance's memory. The bot being added or installed (rare) always looks in the store:
        // another instance may have deleted the reference when the bot was removed, and this one would not know.
        var lifecycle = activity.Type is "conversationUpdate" or "installationUpdate";
        if (!lifecycle && _recentlySaved.TryGetValue(conversationId, out var recent) && recent.Matches(activity, personal) && now - recent.SavedAt < RewriteAfter)
        {
            return;
        }

        var reference = new ConversationReference
        {
            ServiceUrl = activity.ServiceUrl,
            ChannelId = Inbound.TeamsConversation.ChannelId,
            ConversationId = conversationId,
            ConversationType = activity.Conversation.ConversationType,
            TenantId = Inbound.TeamsTenants.Of(activity),
            BotId = activity.Recipient.Id,
            // Only a personal chat needs the person's id (it is whom a proactive message reaches); in a group it
            // would just record whoever spoke last.
            UserId = personal ? activity.From?.Id : null,
            TeamId = activity.ChannelData?.Team?.Id,
            ChannelThreadRootId = Inbound.TeamsConversation.ThreadRoot(conversationId),
            UpdatedAt = now,
        };

        try
        {
            var key = Key(conversationId);
            var stored = await _store.ReadAsync(RecordKind.ConversationReference, key, cancellationToken);
            var previous = stored is null ? null : Deserialize(stored.Data);

            // A channel (at its root, not a thread) or group chat is where a practice may post; a personal chat never
            // is. Listed here too when the reference is unchanged, so references saved before the list existed join it.
            if (!personal && _practiceChannels is not null && reference.ChannelThreadRootId is null)
            {
                await _practiceChannels.AddAsync(new PracticeTarget(PracticeTarget.Teams, conversationId), cancellationToken);
            }

            if (previous is not null && Saved.Of(previous).SameAs(Saved.Of(reference)) && reference.UpdatedAt - previous.UpdatedAt < RewriteAfter)
            {
                Remember(conversationId, Saved.Of(previous));
                return;
            }

            var data = JsonSerializer.SerializeToUtf8Bytes(reference, TeamsJsonContext.Default.ConversationReference);
            // A concurrent writer saved the same conversation: either copy will do, so a lost race is fine.
            await _store.TryWriteAsync(RecordKind.ConversationReference, key, reference.UserId ?? "", data, stored?.ETag, _options.ConversationReferenceLifetime, cancellationToken);
            Remember(conversationId, Saved.Of(reference));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A reference is a convenience for later; failing to save it must not fail the user's turn.
            _logger.LogWarning("Could not save the conversation reference: {Failure}", LoggedFailure.Describe(ex));
        }
    }

    internal async Task DeleteAsync(string conversationId, CancellationToken cancellationToken)
    {
        _recentlySaved.TryRemove(conversationId, out _);
        await _store.DeleteAsync(RecordKind.ConversationReference, Key(conversationId), cancellationToken);
        if (_practiceChannels is not null)
        {
            await _practiceChannels.RemoveAsync(new PracticeTarget(PracticeTarget.Teams, conversationId), cancellationToken);
        }
    }

    /// <summary>After "forget me": the store no longer holds this person's reference, so the next turn must save it.</summary>
    internal void ForgetSaved(string? userId)
    {
        foreach (var (conversationId, saved) in _recentlySaved)
        {
            if (userId is not null && saved.UserId == userId)
            {
                _recentlySaved.TryRemove(conversationId, out _);
            }
        }
    }

    /// <summary>How many conversations this instance remembers saving (never more than the bound).</summary>
    internal int RememberedCount => _recentlySaved.Count;

    private void Remember(string conversationId, Saved saved)
    {
        if (_recentlySaved.Count >= _maxRemembered)
        {
            _recentlySaved.Clear();
        }

        _recentlySaved[conversationId] = saved;
    }

    private static StateKey Key(string conversationId) => new(Channel, conversationId, "");

    /// <summary>
    /// What Teams calls the group, when it says: a group chat's topic (conversation.name), a channel as "Team › Channel"
    /// (channelData; the General channel comes without a name of its own). Null when Teams gives none. Held in memory
    /// only, never saved: a topic can be a client's name.
    /// </summary>
    private static string? GroupName(Activity activity)
    {
        var team = activity.ChannelData?.Team?.Name;
        var channel = activity.ChannelData?.Channel?.Name;
        if (activity.Conversation?.ConversationType == "channel" && (team is not null || channel is not null))
        {
            return team is null ? channel : channel is null ? team : $"{team} › {channel}";
        }

        return activity.Conversation?.Name;
    }

    /// <summary>
    /// Every field of a saved reference that an activity can change (the thread root is part of the conversation id,
    /// the key), and when it was saved.
    /// </summary>
    private sealed record Saved(
        string ServiceUrl, string BotId, string? UserId, string? TenantId, string? ConversationType, string? TeamId, DateTimeOffset SavedAt)
    {
        public static Saved Of(ConversationReference r) => new(r.ServiceUrl, r.BotId, r.UserId, r.TenantId, r.ConversationType, r.TeamId, r.UpdatedAt);

        public bool SameAs(Saved other) => this with { SavedAt = other.SavedAt } == other;

        /// <summary>Whether the activity would save exactly this reference again; compares in place, allocating nothing.</summary>
        public bool Matches(Activity activity, bool personal) =>
            string.Equals(ServiceUrl, activity.ServiceUrl, StringComparison.Ordinal)
            && string.Equals(BotId, activity.Recipient?.Id, StringComparison.Ordinal)
            && string.Equals(UserId, personal ? activity.From?.Id : null, StringComparison.Ordinal)
            && string.Equals(TenantId, Inbound.TeamsTenants.Of(activity), StringComparison.Ordinal)
            && string.Equals(ConversationType, activity.Conversation?.ConversationType, StringComparison.Ordinal)
            && string.Equals(TeamId, activity.ChannelData?.Team?.Id, StringComparison.Ordinal);
    }

    private static ConversationReference? Deserialize(byte[] data)
    {
        try
        {
            return JsonSerializer.Deserialize(data, TeamsJsonContext.Default.ConversationReference);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
