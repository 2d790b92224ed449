using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Engine;
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

    // What this instance saved recently, so most turns cost no store read at all.
    private readonly ConcurrentDictionary<string, (string Address, string? UserId, DateTimeOffset SavedAt)> _recentlySaved = new(StringComparer.Ordinal);

    internal ConversationReferenceStore(IStateStore store, TimeProvider clock, IOptions<TeamsOptions> options, ILogger<ConversationReferenceStore> logger, PracticeChannelDirectory? practiceChannels = null)
    {
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
        var reference = new ConversationReference
        {
            ServiceUrl = activity.ServiceUrl,
            ChannelId = Inbound.TeamsConversation.ChannelId,
            ConversationId = conversationId,
            ConversationType = activity.Conversation.ConversationType,
            TenantId = activity.Conversation.TenantId ?? activity.ChannelData?.Tenant?.Id,
            BotId = activity.Recipient.Id,
            // Only a personal chat needs the person's id (it is whom a proactive message reaches); in a group it
            // would just record whoever spoke last.
            UserId = personal ? activity.From?.Id : null,
            TeamId = activity.ChannelData?.Team?.Id,
            ChannelThreadRootId = Inbound.TeamsConversation.ThreadRoot(conversationId),
            UpdatedAt = _clock.GetUtcNow(),
        };
        var address = Address(reference);
        if (_recentlySaved.TryGetValue(conversationId, out var recent) && recent.Address == address && reference.UpdatedAt - recent.SavedAt < RewriteAfter)
        {
            return;
        }

        try
        {
            var key = Key(conversationId);
            var stored = await _store.ReadAsync(RecordKind.ConversationReference, key, cancellationToken);
            var previous = stored is null ? null : Deserialize(stored.Data);

            // A channel (at its root, not a thread) or group chat is where a practice may post; a personal chat never
            // is. Listed here too when the reference is unchanged, so references saved before the list existed join it.
            if (!personal && _practiceChannels is not null && reference.ChannelThreadRootId is null)
            {
                await _practiceChannels.AddAsync(new PracticeTarget(PracticeTarget.Teams, conversationId), GroupName(activity), cancellationToken);
            }

            if (previous is not null && Address(previous) == address && reference.UpdatedAt - previous.UpdatedAt < RewriteAfter)
            {
                Remember(conversationId, address, reference.UserId, previous.UpdatedAt);
                return;
            }

            var data = JsonSerializer.SerializeToUtf8Bytes(reference, TeamsJsonContext.Default.ConversationReference);
            // A concurrent writer saved the same conversation: either copy will do, so a lost race is fine.
            await _store.TryWriteAsync(RecordKind.ConversationReference, key, reference.UserId ?? "", data, stored?.ETag, _options.ConversationReferenceLifetime, cancellationToken);
            Remember(conversationId, address, reference.UserId, reference.UpdatedAt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A reference is a convenience for later; failing to save it must not fail the user's turn.
            _logger.LogWarning(ex, "Could not save the conversation reference");
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

    private void Remember(string conversationId, string address, string? userId, DateTimeOffset savedAt)
    {
        if (_recentlySaved.Count > 10_000)
        {
            _recentlySaved.Clear();
        }

        _recentlySaved[conversationId] = (address, userId, savedAt);
    }

    private static StateKey Key(string conversationId) => new(Channel, conversationId, "");

    /// <summary>
    /// What Teams calls the group, when it says: a group chat's topic (conversation.name), a channel as "Team › Channel"
    /// (channelData; the General channel comes without a name of its own). Null when Teams gives none.
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

    private static string Address(ConversationReference r) => $"{r.ServiceUrl}|{r.BotId}|{r.UserId}|{r.TenantId}";

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
