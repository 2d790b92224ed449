using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Dialogs;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.State;
using NotesGuard.Guidance;

namespace NotesGuard.Conversations.Practice;

/// <summary>What posting a shared case gave: the message id(s) to delete it by, or why it failed.</summary>
public sealed record SharePost(string? MessageId, string? Error);

/// <summary>A channel's part in sharing a case: membership, posting any reply, deleting what was posted.</summary>
public interface IPracticeShareChannel
{
    string ChannelId { get; }

    /// <summary>
    /// True only when the channel itself says the person of this authenticated turn (its <see cref="Turn.PrincipalId"/>,
    /// or the channel's own id for them, <see cref="Turn.UserId"/>) is a member of the conversation.
    /// </summary>
    Task<bool> IsMemberAsync(PracticeTarget target, Turn sharer, CancellationToken cancellationToken);

    Task<SharePost> PostAsync(PracticeTarget target, Reply card, CancellationToken cancellationToken);

    /// <summary>Null when deleted (or already gone), else why not.</summary>
    Task<string?> DeleteAsync(PracticeTarget target, string messageId, CancellationToken cancellationToken);

    /// <summary>
    /// The conversation's display name when the channel must be asked for it (its messages do not carry it), else null.
    /// Asked only when the pick list is built and no name is in memory; the answer is held in memory only.
    /// </summary>
    Task<string?> NameAsync(PracticeTarget target, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>A share, kept so its owner (and only its owner) can delete it: hashed owner, where, and the posted message.</summary>
internal sealed record ShareRecord(string Owner, string Target, string? MessageId, bool Deleted = false);

/// <summary>
/// Sharing a finished case from a personal chat with a supervision group: pick a group, confirm, post, and delete
/// again. The case is read from the sharer's own walkthrough (answer codes only), never from a button; the group must
/// be one NotesGuard is in, in the same channel, and the channel must confirm the sharer is a member of it — checked
/// when listing, and again when posting, because a button value can be forged.
/// </summary>
public sealed partial class PracticeCaseSharing(
    IAdvisor advisor,
    PracticeSettings practice,
    PracticeChannelDirectory directory,
    AuditTrail audit,
    IEnumerable<IPracticeShareChannel> channels,
    IStateStore store,
    TimeProvider clock,
    ILogger<PracticeCaseSharing> logger)
{
    /// <summary>How many groups are checked and offered; membership is one call per group.</summary>
    public const int MaxGroups = 20;

    /// <summary>How long the owner can delete a shared card from the confirmation's button.</summary>
    public static readonly TimeSpan ShareLifetime = TimeSpan.FromDays(30);

    public const string NotAMember =
        "You can share a case only with a group you are a member of. Nothing was shared.";

    public const string CaseGone =
        "That case has ended or expired, so it cannot be shared. Nothing was shared.";

    private IPracticeShareChannel? ChannelFor(Turn turn) => channels.FirstOrDefault(c => c.ChannelId == turn.ChannelId);

    /// <summary>Adds "Share with my supervision group" to a guidance card shown in a personal chat of a channel that can share.</summary>
    public TurnResult WithShareButton(Turn turn, TurnResult result)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(result);
        if (turn.Scope != ConversationScope.Personal || turn.PrincipalId is null || ChannelFor(turn) is null
            || !result.Replies.Any(r => r is GuidanceCardReply))
        {
            return result;
        }

        return result with
        {
            Replies = [.. result.Replies.Select(r => r is GuidanceCardReply card
                ? card with { Actions = [.. card.Actions, ShareCardModel.ShareButton(card.CaseId)] }
                : r)],
        };
    }

    public async Task<TextReply> HandleAsync(Turn turn, string[] command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(command);
        if (ChannelFor(turn) is not { } channel || turn.PrincipalId is not { } principal)
        {
            return new TextReply("Cases can be shared from Teams or Slack, where NotesGuard knows who you are.", TextKind.Notice);
        }

        return command switch
        {
            ["sharecancel"] => new TextReply("Nothing was shared.", TextKind.Notice),
            ["unshare", var shareId] => await DeleteAsync(turn, channel, principal, shareId, cancellationToken).ConfigureAwait(false),
            _ when turn.Scope != ConversationScope.Personal =>
                new TextReply("Share a case from your personal chat with NotesGuard.", TextKind.Notice),
            ["share", var caseId] => await PickAsync(turn, channel, caseId, cancellationToken).ConfigureAwait(false),
            ["sharepick", var caseId, var target] => await ConfirmAsync(turn, channel, caseId, target, cancellationToken).ConfigureAwait(false),
            ["shareconfirm", var caseId, var target, var nonce] => await ShareAsync(turn, channel, principal, caseId, target, nonce, cancellationToken).ConfigureAwait(false),
            _ => new TextReply("That button is no longer valid.", TextKind.Notice),
        };
    }

    private async Task<TextReply> PickAsync(Turn turn, IPracticeShareChannel channel, string caseId, CancellationToken cancellationToken)
    {
        if (await CaseAsync(turn, caseId, cancellationToken).ConfigureAwait(false) is null)
        {
            return new TextReply(CaseGone, TextKind.Notice);
        }

        var groups = new List<PracticeGroup>();
        foreach (var group in (await directory.ListGroupsAsync(cancellationToken).ConfigureAwait(false)).Where(g => g.Target.ChannelId == turn.ChannelId).Take(MaxGroups))
        {
            if (await IsMemberAsync(channel, group.Target, turn, cancellationToken).ConfigureAwait(false))
            {
                groups.Add(await directory.WithNameAsync(group, channel, cancellationToken).ConfigureAwait(false));
            }
        }

        return groups.Count == 0
            ? new TextReply("NotesGuard is not in any group chat or channel you are a member of. Add it to your supervision group, then try again.", TextKind.Notice)
            : ShareCardModel.PickList(caseId, groups);
    }

    private async Task<TextReply> ConfirmAsync(Turn turn, IPracticeShareChannel channel, string caseId, string targetId, CancellationToken cancellationToken)
    {
        var (group, refusal) = await CheckAsync(turn, channel, caseId, targetId, cancellationToken).ConfigureAwait(false);
        return group is null ? new TextReply(refusal!, TextKind.Notice) : ShareCardModel.Confirm(caseId, group, Guid.NewGuid().ToString("N"));
    }

    private async Task<TextReply> ShareAsync(
        Turn turn, IPracticeShareChannel channel, string principal, string caseId, string targetId, string nonce, CancellationToken cancellationToken)
    {
        if (!NoncePattern().IsMatch(nonce))
        {
            return new TextReply("That button is no longer valid.", TextKind.Notice);
        }

        var found = await CaseAsync(turn, caseId, cancellationToken).ConfigureAwait(false);
        var (group, refusal) = await CheckAsync(turn, channel, caseId, targetId, cancellationToken).ConfigureAwait(false);
        if (group is null || found is not { } shared)
        {
            if (refusal == NotAMember)
            {
                await AuditAsync(principal, turn.ChannelId, "share", "case", targetId, nonce, "refused: not_a_member", cancellationToken).ConfigureAwait(false);
            }

            return new TextReply(refusal ?? CaseGone, TextKind.Notice);
        }

        if (!await audit.HasRoomTodayForShareAsync(PracticeAdmins.Hashed(principal), cancellationToken).ConfigureAwait(false))
        {
            return new TextReply(AuditTrail.SharesFullText, TextKind.Notice);
        }

        // The confirmation's nonce is the share's id: "Share now" pressed twice, or a redelivered click, shares once.
        var target = group.Target;
        var key = ShareKey(turn, nonce);
        var owner = Owner(principal);
        var pending = Serialize(new ShareRecord(owner, target.Id, null));
        var etag = await store.TryWriteAsync(RecordKind.CaseShare, key, turn.UserId, pending, expectedETag: null, ShareLifetime, cancellationToken).ConfigureAwait(false);
        if (etag is null)
        {
            return new TextReply("This case was already shared there; nothing was shared again.", TextKind.Notice);
        }

        var card = ShareCardModel.SharedCard(nonce, shared.Advice, shared.Answers, turn.UserDisplayName, practice.PracticeName, practice.SupervisorContact);
        SharePost posted;
        try
        {
            posted = await channel.PostAsync(target, card, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogShareFailed(logger, turn.ChannelId, ex.GetType().Name);
            posted = new SharePost(null, ex is HttpRequestException ? "unreachable" : "error");
        }

        var outcome = "case:" + shared.Advice.Outcome;
        if (posted.Error is not null)
        {
            // The pending share goes first, so an audit write that fails cannot leave "already shared" behind.
            await store.DeleteAsync(RecordKind.CaseShare, key, cancellationToken).ConfigureAwait(false);
            await AuditAsync(principal, turn.ChannelId, "share", outcome, target.Id, nonce, posted.Error, cancellationToken).ConfigureAwait(false);
            return new TextReply($"The case could not be shared with {ShareCardModel.Name(group)} ({posted.Error}). Nothing was shared.", TextKind.Notice);
        }

        // The posted card's id is kept before anything else can fail (the audit write), so "Delete the shared card"
        // can always find what is in the group.
        await store.TryWriteAsync(RecordKind.CaseShare, key, turn.UserId, Serialize(new ShareRecord(owner, target.Id, posted.MessageId)), etag, ShareLifetime, cancellationToken)
            .ConfigureAwait(false);
        await AuditAsync(principal, turn.ChannelId, "share", outcome, target.Id, nonce, posted.Error, cancellationToken).ConfigureAwait(false);
        return ShareCardModel.Shared(group, nonce);
    }

    private async Task<TextReply> DeleteAsync(Turn turn, IPracticeShareChannel channel, string principal, string shareId, CancellationToken cancellationToken)
    {
        if (!NoncePattern().IsMatch(shareId))
        {
            return new TextReply("That button is no longer valid.", TextKind.Notice);
        }

        var key = ShareKey(turn, shareId);
        var stored = await store.ReadAsync(RecordKind.CaseShare, key, cancellationToken).ConfigureAwait(false);
        var share = stored is null ? null : Deserialize(stored.Data);
        if (stored is null || share is null || share.MessageId is null)
        {
            return new TextReply("NotesGuard no longer knows that shared card; delete it in the group if it is still there.", TextKind.Notice);
        }

        // Only the person who shared can delete: the button could be pressed by anyone who sees it, or forged.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(share.Owner), Encoding.ASCII.GetBytes(Owner(principal))))
        {
            return new TextReply("Only the person who shared that case can delete it.", TextKind.Notice);
        }

        if (share.Deleted)
        {
            return new TextReply("That shared card was already deleted.", TextKind.Notice);
        }

        if (PracticeTarget.TryParse(share.Target) is not { } target || target.ChannelId != channel.ChannelId)
        {
            return new TextReply("That shared card is in another channel; delete it there.", TextKind.Notice);
        }

        var error = await channel.DeleteAsync(target, share.MessageId, cancellationToken).ConfigureAwait(false);
        if (error is null)
        {
            // Recorded before the audit write, which could fail: the share then still says what happened to its card.
            await store.TryWriteAsync(RecordKind.CaseShare, key, turn.UserId, Serialize(share with { Deleted = true }), stored.ETag, ShareLifetime, cancellationToken).ConfigureAwait(false);
        }

        // A deletion is always recorded; a failed one (which can be pressed again and again, say after NotesGuard was
        // removed from the group) only while the person has room for shares today, so it cannot fill the day.
        if (error is null || await audit.HasRoomTodayForShareAsync(PracticeAdmins.Hashed(principal), cancellationToken).ConfigureAwait(false))
        {
            await AuditAsync(principal, turn.ChannelId, "unshare", "case", target.Id, shareId, error, cancellationToken).ConfigureAwait(false);
        }

        if (error is not null)
        {
            return new TextReply($"The shared card could not be deleted ({error}). Try again, or delete it in the group.", TextKind.Notice);
        }

        var named = (await directory.ListGroupsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(g => g.Target == target) ?? new PracticeGroup(target, null);
        return new TextReply($"The shared card was deleted from {ShareCardModel.Name(named)}.", TextKind.Notice);
    }

    /// <summary>The group, when it is in the same channel, NotesGuard is in it and the sharer is a member; else why not.</summary>
    private async Task<(PracticeGroup? Group, string? Refusal)> CheckAsync(
        Turn turn, IPracticeShareChannel channel, string caseId, string targetId, CancellationToken cancellationToken)
    {
        if (await CaseAsync(turn, caseId, cancellationToken).ConfigureAwait(false) is null)
        {
            return (null, CaseGone);
        }

        var target = PracticeTarget.TryParse(targetId);
        var group = target is null || target.ChannelId != turn.ChannelId
            ? null
            : (await directory.ListGroupsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(g => g.Target == target);
        if (group is null)
        {
            return (null, "NotesGuard is not in that group, so the case cannot be shared there. Nothing was shared.");
        }

        return await IsMemberAsync(channel, group.Target, turn, cancellationToken).ConfigureAwait(false) ? (group, null) : (null, NotAMember);
    }

    private async Task<bool> IsMemberAsync(IPracticeShareChannel channel, PracticeTarget target, Turn sharer, CancellationToken cancellationToken)
    {
        try
        {
            return await channel.IsMemberAsync(target, sharer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Could not tell is not a yes: share nowhere the channel has not vouched for.
            LogShareFailed(logger, target.ChannelId, ex.GetType().Name);
            return false;
        }
    }

    /// <summary>The sharer's own finished case, read from their walkthrough by its id: answers as the rulebook words them.</summary>
    private async Task<(Advice Advice, List<SharedAnswer> Answers)?> CaseAsync(Turn turn, string caseId, CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(turn.StateKey, cancellationToken).ConfigureAwait(false);
        var state = stored is null ? null : WalkthroughStateSerializer.Deserialize(stored.Data);
        if (state is null || string.IsNullOrEmpty(caseId) || state.CaseId != caseId)
        {
            return null;
        }

        var response = advisor.Advise(AnswerPath.AnswersOf(state.Answers));
        if (!response.IsComplete)
        {
            return null;
        }

        var answers = state.Answers.Select(a =>
        {
            var question = advisor.GetQuestion(a.QuestionId);
            return new SharedAnswer(question.Text, question.Choices.FirstOrDefault(c => c.Value == a.Value)?.Title ?? a.Value);
        }).ToList();
        return (response.Result!, answers);
    }

    private Task AuditAsync(string principal, string via, string action, string card, string target, string shareId, string? error, CancellationToken cancellationToken) =>
        audit.AppendAsync(
            // A sharer is any therapist, not a configured admin: always named by hash, whatever Practice:AuditIdentities says.
            new AuditEntry(clock.GetUtcNow(), PracticeAdmins.Hashed(principal), via, action, card, advisor.RulebookVersion, "share-" + shareId,
                [new PracticePostResult(target, error is null, error)]),
            cancellationToken);

    // Its own key space: a broadcast idempotency key (any "share-…" string the API accepts) can never name a share.
    // Found by its id alone (so a bystander's press is refused by the owner check, not "unknown"), kept in the
    // sharer's channel and owned by them, so "forget me" removes their shares with everything else.
    private static StateKey ShareKey(Turn turn, string shareId) => new(turn.ChannelId, shareId, "");

    private static string Owner(string principal) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(principal)));

    private static byte[] Serialize(ShareRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, PracticeJsonContext.Default.ShareRecord);

    private static ShareRecord? Deserialize(byte[] data)
    {
        try
        {
            return JsonSerializer.Deserialize(data, PracticeJsonContext.Default.ShareRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial System.Text.RegularExpressions.Regex NoncePattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sharing a case in {ChannelId} failed with {Exception}")]
    private static partial void LogShareFailed(ILogger logger, string channelId, string exception);
}
