namespace NotesGuard.Conversations.State;

/// <summary>
/// A kind of stored record. Each kind has its own table (SQLite, PostgreSQL) or blob prefix (Azure Blob), fixed
/// here in code, so no id a client sends can reach another kind's records: a crafted channel id plus "forget me"
/// can at most delete that person's own records. Adding a kind (the audit trail, say) is one line in
/// <see cref="All"/>; every provider creates its table on start-up and purges it like the others.
/// </summary>
public sealed class RecordKind
{
    /// <summary>One person's walkthrough in one conversation: answer codes and position only.</summary>
    public static readonly RecordKind Walkthrough = new("walkthrough");

    /// <summary>Teams: where to send a proactive message (ids and the service URL).</summary>
    public static readonly RecordKind ConversationReference = new("conversation_reference");

    /// <summary>Slack: one workspace's install (the bot token, encrypted with Data Protection).</summary>
    public static readonly RecordKind SlackInstallation = new("slack_installation");

    /// <summary>Teams: that a conversation was already welcomed, so a repeated install event does not welcome twice.</summary>
    public static readonly RecordKind WelcomeMarker = new("welcome_marker");

    /// <summary>Practice: the group chats, Teams channels and Slack channels NotesGuard is in, one list per channel.</summary>
    public static readonly RecordKind PracticeChannel = new("practice_channel");

    /// <summary>Practice: a broadcast's idempotency key and its result, so a retried broadcast posts nothing again.</summary>
    public static readonly RecordKind BroadcastReceipt = new("broadcast_receipt");

    /// <summary>Practice: the audit trail, one append-only record per day; never case answers.</summary>
    public static readonly RecordKind AuditTrail = new("audit_trail");

    /// <summary>Practice: a case a therapist shared with a group (hashed sharer, where, the posted message), owned by
    /// the sharer so "forget me" removes it too.</summary>
    public static readonly RecordKind CaseShare = new("case_share");

    /// <summary>Letters: a short-lived document download link (hashed token → kind, outcome, answer codes), owned by
    /// the person it was offered to, so any instance can serve it and "forget me" removes it.</summary>
    public static readonly RecordKind LetterLink = new("letter_link");

    private RecordKind(string name) => Name = name;

    /// <summary>Every kind, in the order tables are created and purged.</summary>
    public static IReadOnlyList<RecordKind> All { get; } = [Walkthrough, ConversationReference, SlackInstallation, WelcomeMarker, PracticeChannel, BroadcastReceipt, AuditTrail, CaseShare, LetterLink];

    /// <summary>Lower-case letters and underscores only: it becomes part of a table name and a blob prefix.</summary>
    public string Name { get; }

    public override string ToString() => Name;
}
