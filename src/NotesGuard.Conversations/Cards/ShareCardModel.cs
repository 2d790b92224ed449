using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;

namespace NotesGuard.Conversations.Cards;

/// <summary>
/// Sharing a case with a supervision group, once for every surface: the guidance card's "Share with my supervision
/// group" action, the pick list of groups, the confirmation, and the card the group sees (the owner banner, the case
/// as answered, then the guidance). Channels translate these like any other reply.
/// </summary>
public static class ShareCardModel
{
    public const string ButtonPrefix = "practice|";

    public static ReplyButton ShareButton(string caseId) => new(CardWords.ShareWithGroup, $"{ButtonPrefix}share|{caseId}");

    public static TextReply PickList(string caseId, IReadOnlyList<PracticeGroup> groups) =>
        new(
            "Which group should see this case? It shows your answers and the guidance, marked as your case; never anything you typed. " +
            "You will be asked to confirm.",
            TextKind.Notice,
            CardWords.ShareWithGroup)
        {
            Buttons = [.. groups.Select(g => new ReplyButton(Name(g), $"{ButtonPrefix}sharepick|{caseId}|{g.Target.Id}")), Cancel],
        };

    public static TextReply Confirm(string caseId, PracticeGroup group, string nonce) =>
        new(
            $"Share this case with {Name(group)}? Everyone there will see your answers and the guidance, marked as your case, " +
            "and can discuss it in the thread. You can delete the shared card afterwards.",
            TextKind.Notice,
            "Confirm")
        {
            Buttons = [new(CardWords.ShareNow, $"{ButtonPrefix}shareconfirm|{caseId}|{group.Target.Id}|{nonce}", ButtonStyle.Primary), Cancel],
        };

    public static TextReply Shared(PracticeGroup group, string shareId) =>
        new($"Shared with {Name(group)}.", TextKind.Notice, "Case shared")
        {
            Buttons = [new(CardWords.DeleteShared, $"{ButtonPrefix}unshare|{shareId}", ButtonStyle.Destructive)],
        };

    /// <summary>The card the group sees. <see cref="GuidanceCardReply.Answers"/> stays empty, so no channel offers the case's letters there.</summary>
    public static GuidanceCardReply SharedCard(string shareId, Advice advice, IEnumerable<SharedAnswer> answers, string? ownerName, string? practiceName, string? supervisor) =>
        new("shared-" + shareId, advice, [], practiceName, supervisor, string.IsNullOrWhiteSpace(ownerName) ? CardWords.AColleague : ownerName)
        {
            SharedAnswers = [.. answers],
        };

    /// <summary>
    /// How a group is named on a button and in the confirmation: the name the channel gave it ("#supervision" in
    /// Slack), else a neutral label with the end of its id, so two unnamed groups can still be told apart. Channels
    /// escape it like any other text.
    /// </summary>
    public static string Name(PracticeGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var slack = group.Target.ChannelId == PracticeTarget.Slack;
        if (group.Name is { Length: > 0 } name)
        {
            return slack ? "#" + name : name;
        }

        // Teams ids end in "@thread.v2" and the like, the same for every chat: the part before it tells them apart.
        var id = group.Target.ConversationId.Split('@')[0];
        var tail = id.Length <= 4 ? id : id[^4..];
        return slack ? $"Slack channel (…{tail})" : $"Group chat (…{tail})";
    }

    private static ReplyButton Cancel => new("Cancel", ButtonPrefix + "sharecancel");
}
