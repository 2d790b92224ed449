using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.References;

/// <summary>
/// Conversation references for proactive messages, kept in the app's state store (no second database) under
/// the channel id "msteams-ref". They hold ids and the service URL only. Saved when the bot is installed or
/// spoken to; rewritten only when something changed or the record is a day old, so a busy chat does not
/// cost a write per message.
/// </summary>
public sealed class ConversationReferenceStore
{
    public const string ChannelId = "msteams-ref";
    private const string Owner = "bot";
    private static readonly TimeSpan RewriteAfter = TimeSpan.FromDays(1);

    private readonly IStateStore _store;
    private readonly TimeProvider _clock;
    private readonly TeamsOptions _options;
    private readonly ILogger<ConversationReferenceStore> _logger;

    // What this instance saved recently, so most turns cost no store read at all.
    private readonly ConcurrentDictionary<string, (string Address, DateTimeOffset SavedAt)> _recentlySaved = new(StringComparer.Ordinal);

    internal ConversationReferenceStore(IStateStore store, TimeProvider clock, IOptions<TeamsOptions> options, ILogger<ConversationReferenceStore> logger)
    {
        _store = store;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    public async Task<ConversationReference?> FindAsync(string conversationId, CancellationToken cancellationToken)
    {
        var stored = await _store.ReadAsync(Key(conversationId), cancellationToken);
        return stored is null ? null : Deserialize(stored.Data);
    }

    internal async Task SaveAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Conversation?.Id is not { } conversationId || activity.ServiceUrl is null || activity.Recipient?.Id is null)
        {
            return;
        }

        var reference = new ConversationReference
        {
            ServiceUrl = activity.ServiceUrl,
            ChannelId = Inbound.TeamsConversation.ChannelId,
            ConversationId = conversationId,
            ConversationType = activity.Conversation.ConversationType,
            TenantId = activity.Conversation.TenantId ?? activity.ChannelData?.Tenant?.Id,
            BotId = activity.Recipient.Id,
            UserId = activity.From?.Id,
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
            var stored = await _store.ReadAsync(key, cancellationToken);
            var previous = stored is null ? null : Deserialize(stored.Data);
            if (previous is not null && Address(previous) == address && reference.UpdatedAt - previous.UpdatedAt < RewriteAfter)
            {
                Remember(conversationId, address, previous.UpdatedAt);
                return;
            }

            var data = JsonSerializer.SerializeToUtf8Bytes(reference, TeamsJsonContext.Default.ConversationReference);
            // A concurrent writer saved the same conversation: either copy will do, so a lost race is fine.
            await _store.TryWriteAsync(key, data, stored?.ETag, _options.ConversationReferenceLifetime, cancellationToken);
            Remember(conversationId, address, reference.UpdatedAt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A reference is a convenience for later; failing to save it must not fail the user's turn.
            _logger.LogWarning(ex, "Could not save the conversation reference");
        }
    }

    internal Task DeleteAsync(string conversationId, CancellationToken cancellationToken)
    {
        _recentlySaved.TryRemove(conversationId, out _);
        return _store.DeleteAsync(Key(conversationId), cancellationToken);
    }

    private void Remember(string conversationId, string address, DateTimeOffset savedAt)
    {
        if (_recentlySaved.Count > 10_000)
        {
            _recentlySaved.Clear();
        }

        _recentlySaved[conversationId] = (address, savedAt);
    }

    private static StateKey Key(string conversationId) => new(ChannelId, conversationId, Owner);

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
