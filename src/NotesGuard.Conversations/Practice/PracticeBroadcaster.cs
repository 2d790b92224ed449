using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Conversations.Practice;

/// <summary>What to post, where (null: every shared conversation NotesGuard is in), and the key that makes a retry safe.</summary>
public sealed record BroadcastRequest(string? Card, string? Text, IReadOnlyList<string>? Targets, string? IdempotencyKey);

/// <summary>The answer to a broadcast: per target, posted or failed and why. <see cref="Replayed"/>: a retry, nothing posted again.</summary>
public sealed record BroadcastOutcome(string Card, string RulebookVersion, string IdempotencyKey, IReadOnlyList<PracticePostResult> Results, bool Replayed = false);

/// <summary>A key's record: pending (no outcome yet) while one broadcast, named by <see cref="Claim"/>, posts; then its outcome.</summary>
internal sealed record BroadcastReceipt(string Fingerprint, BroadcastOutcome? Outcome, string? Claim = null);

public enum BroadcastStatus
{
    Done,
    Invalid,
    InProgress,
    KeyReused,

    /// <summary>Today's audit trail has no room: nothing was posted.</summary>
    AuditFull,
}

public sealed record BroadcastResult(BroadcastStatus Status, BroadcastOutcome? Outcome = null, string? Problem = null);

/// <summary>
/// Posts a practice card to shared conversations, one after another (each channel's client paces and retries as
/// it always does), at most once per idempotency key, and writes the audit trail. Chosen targets must be in the
/// <see cref="PracticeChannelDirectory"/>: NotesGuard posts only where it was installed.
/// </summary>
public sealed partial class PracticeBroadcaster(
    PracticeCards cards,
    PracticeChannelDirectory directory,
    AuditTrail audit,
    IEnumerable<IPracticeChannel> channels,
    IStateStore store,
    TimeProvider clock,
    ILogger<PracticeBroadcaster> logger)
{
    /// <summary>How long a finished broadcast's key is remembered.</summary>
    public static readonly TimeSpan ReceiptLifetime = TimeSpan.FromDays(30);

    // A broadcast that started but never finished (the process stopped) frees its key after this.
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(15);

    public const int MaxTargets = 200;

    /// <param name="who">The audit trail's name for whoever asked (an admin's hashed id, or "api-key").</param>
    /// <param name="via">Where the request came from: api, msteams, slack.</param>
    public async Task<BroadcastResult> BroadcastAsync(BroadcastRequest request, string who, string via, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.IdempotencyKey is not { } idempotencyKey || !KeyPattern().IsMatch(idempotencyKey))
        {
            return new BroadcastResult(BroadcastStatus.Invalid, Problem: "idempotencyKey is required: 1 to 100 letters, digits, '-', '_', '.' or ':'.");
        }

        var (card, problem) = cards.Build(request.Card, request.Text);
        if (card is null)
        {
            return new BroadcastResult(BroadcastStatus.Invalid, Problem: problem);
        }

        var installed = await directory.ListAsync(cancellationToken).ConfigureAwait(false);
        List<PracticeTarget> targets;
        if (request.Targets is null)
        {
            targets = [.. installed];
        }
        else
        {
            if (request.Targets.Count is 0 or > MaxTargets)
            {
                return new BroadcastResult(BroadcastStatus.Invalid, Problem: $"targets, when given, lists 1 to {MaxTargets} targets (leave it out for every channel).");
            }

            targets = [];
            foreach (var id in request.Targets.Distinct(StringComparer.Ordinal))
            {
                if (PracticeTarget.TryParse(id) is not { } target)
                {
                    return new BroadcastResult(BroadcastStatus.Invalid, Problem: "each target is msteams:<conversation id> or slack:<team id>:<channel id>.");
                }

                targets.Add(target);
            }
        }

        var fingerprint = Fingerprint(request);
        var key = new StateKey("practice", idempotencyKey, "");
        // This run's claim on the key: when a write's answer is lost (a retried upload, a dropped connection after a
        // commit), reading the record back tells whether it is still ours.
        var claim = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var pending = JsonSerializer.SerializeToUtf8Bytes(new BroadcastReceipt(fingerprint, null, claim), PracticeJsonContext.Default.BroadcastReceipt);
        var etag = await store.TryWriteAsync(RecordKind.BroadcastReceipt, key, "", pending, expectedETag: null, PendingLifetime, cancellationToken).ConfigureAwait(false);
        if (etag is null)
        {
            // A key already used (or in use) answers with what happened to it, whatever the audit trail's room.
            return await EarlierAsync(key, fingerprint, cancellationToken).ConfigureAwait(false);
        }

        if (!await audit.HasRoomTodayAsync(cancellationToken).ConfigureAwait(false))
        {
            // Nothing posted, and the key left free for when there is room.
            await store.DeleteAsync(RecordKind.BroadcastReceipt, key, CancellationToken.None).ConfigureAwait(false);
            return new BroadcastResult(BroadcastStatus.AuditFull, Problem: AuditTrail.FullText);
        }

        // Once posting starts, what was posted is recorded whatever happens: a caller that goes away (or a stopping
        // app) ends the posting, not the record. The rest are listed as not posted, the audit trail has the entry,
        // and the key answers with this outcome, so a retry never posts anything twice.
        var results = new List<PracticePostResult>(targets.Count);
        var kept = clock.GetUtcNow();
        foreach (var target in targets)
        {
            if (cancellationToken.IsCancellationRequested || etag is null)
            {
                results.Add(PracticePostResult.Failed(
                    target, etag is null ? "cancelled: the broadcast lost its claim on its key before this post" : "cancelled: the broadcast stopped before this post"));
                continue;
            }

            try
            {
                results.Add(await PostAsync(target, card, installed, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Whatever a post throws once the broadcast is stopping (not only a cancellation): recorded, not thrown.
                results.Add(PracticePostResult.Failed(target, "cancelled: stopped during this post, which may or may not have gone out"));
            }

            // A long broadcast (slow or throttled channels) keeps its key claimed: the claim lapses after
            // PendingLifetime so that one a crash stopped frees its key, and a retry must not find it lapsed while
            // this one is still posting. Renewed at most once a minute.
            if (clock.GetUtcNow() - kept >= TimeSpan.FromMinutes(1))
            {
                kept = clock.GetUtcNow();
                etag = await WriteClaimedAsync(key, pending, etag, claim, PendingLifetime).ConfigureAwait(false);
                if (etag is null)
                {
                    LogClaimLost(logger, idempotencyKey);
                }
            }
        }

        var outcome = new BroadcastOutcome(request.Card!, cards.RulebookVersion, idempotencyKey, results);
        // A custom card's text is the admin's, not an audit fact: only its length is recorded.
        var textLength = request.Card == PracticeCards.Custom ? card.Text.Length : (int?)null;
        try
        {
            await audit.AppendAsync(
                new AuditEntry(clock.GetUtcNow(), who, via, "broadcast", request.Card!, cards.RulebookVersion, idempotencyKey, results, textLength), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            // Even if the audit could not be written (the caller is then told so): the key must not post again.
            var done = JsonSerializer.SerializeToUtf8Bytes(new BroadcastReceipt(fingerprint, outcome, claim), PracticeJsonContext.Default.BroadcastReceipt);
            if (etag is null || await WriteClaimedAsync(key, done, etag, claim, ReceiptLifetime).ConfigureAwait(false) is null)
            {
                LogReceiptNotKept(logger, idempotencyKey);
            }
        }

        LogBroadcast(logger, request.Card!, via, results.Count(r => r.Posted), results.Count);
        return new BroadcastResult(BroadcastStatus.Done, outcome);
    }

    private async Task<PracticePostResult> PostAsync(PracticeTarget target, Replies.TextReply card, IReadOnlyList<PracticeTarget> installed, CancellationToken cancellationToken)
    {
        if (!installed.Contains(target))
        {
            return PracticePostResult.Failed(target, "not_installed: NotesGuard is not in that conversation");
        }

        var channel = channels.FirstOrDefault(c => c.ChannelId == target.ChannelId);
        if (channel is null)
        {
            return PracticePostResult.Failed(target, "channel_not_enabled");
        }

        try
        {
            return await channel.PostAsync(target, card, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // One conversation's failure (a network error, a token that could not be had) must not cost the others
            // their post, nor the caller the result of those already posted.
            LogPostFailed(logger, target.ChannelId, ex.GetType().Name);
            return PracticePostResult.Failed(target, ex is HttpRequestException or TaskCanceledException ? "unreachable" : "error");
        }
    }

    /// <summary>
    /// Writes the key's record while this run holds it; the new ETag, or null when the key is no longer this run's.
    /// A write whose answer was lost or refused is settled by reading the record back: if it still carries this run's
    /// claim (the write took, or nothing changed), the write is made again on the ETag read.
    /// </summary>
    private async Task<string?> WriteClaimedAsync(StateKey key, byte[] data, string etag, string claim, TimeSpan timeToLive)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (await store.TryWriteAsync(RecordKind.BroadcastReceipt, key, "", data, etag, timeToLive, CancellationToken.None).ConfigureAwait(false) is { } written)
                {
                    return written;
                }
            }
#pragma warning disable CA1031 // A store blip must not stop the broadcast before its posts are recorded: read back and decide.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            try
            {
                var (stored, receipt) = await ReadReceiptAsync(key, CancellationToken.None).ConfigureAwait(false);
                if (stored is null || receipt?.Claim != claim)
                {
                    return null;
                }

                // Our data under a new ETag: the write took. Under the ETag we sent, it did not (a renewal writes the
                // same bytes again), so it is made again.
                if (stored.ETag != etag && stored.Data.AsSpan().SequenceEqual(data))
                {
                    return stored.ETag;
                }

                etag = stored.ETag;
            }
#pragma warning disable CA1031 // Unreadable now: the claim written last stands until it lapses; keep its ETag and try later.
            catch (Exception)
#pragma warning restore CA1031
            {
                return etag;
            }
        }

        return etag;
    }

    private async Task<(StoredState? Stored, BroadcastReceipt? Receipt)> ReadReceiptAsync(StateKey key, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(RecordKind.BroadcastReceipt, key, cancellationToken).ConfigureAwait(false);
        return (stored, stored is null ? null : JsonSerializer.Deserialize(stored.Data, PracticeJsonContext.Default.BroadcastReceipt));
    }

    private async Task<BroadcastResult> EarlierAsync(StateKey key, string fingerprint, CancellationToken cancellationToken)
    {
        var (_, receipt) = await ReadReceiptAsync(key, cancellationToken).ConfigureAwait(false);
        if (receipt is null || receipt.Outcome is null)
        {
            return new BroadcastResult(BroadcastStatus.InProgress, Problem: "A broadcast with this idempotencyKey is still running; ask again for its result shortly.");
        }

        return receipt.Fingerprint != fingerprint
            ? new BroadcastResult(BroadcastStatus.KeyReused, Problem: "This idempotencyKey was used for a different broadcast; use a new key.")
            : new BroadcastResult(BroadcastStatus.Done, receipt.Outcome with { Replayed = true });
    }

    private static string Fingerprint(BroadcastRequest request)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(request with { IdempotencyKey = null }, PracticeJsonContext.Default.BroadcastRequest);
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex KeyPattern();

    [LoggerMessage(Level = LogLevel.Error, Message = "Practice broadcast {IdempotencyKey} lost its claim on its key while posting; the rest is not posted")]
    private static partial void LogClaimLost(ILogger logger, string idempotencyKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "Practice broadcast {IdempotencyKey}: its outcome could not be kept under its key")]
    private static partial void LogReceiptNotKept(ILogger logger, string idempotencyKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A practice post in {ChannelId} failed with {Exception}")]
    private static partial void LogPostFailed(ILogger logger, string channelId, string exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Practice broadcast of {Card} via {Via}: posted to {Posted} of {Total} conversation(s)")]
    private static partial void LogBroadcast(ILogger logger, string card, string via, int posted, int total);
}
