namespace NotesGuard.Conversations.Practice;

/// <summary>
/// The practice's own people and keys, from the "Practice" section (the same section as the practice's name and
/// helplines): who may post for the practice, the broadcast API key's hash, and how long the audit trail is kept.
/// </summary>
public sealed class PracticeOptions
{
    public const string SectionName = "Practice";

    /// <summary>
    /// Who may post guidance and read the audit trail: <c>msteams:&lt;Entra object id&gt;</c> (the person's
    /// aadObjectId, a GUID) or <c>slack:&lt;team id&gt;:&lt;user id&gt;</c>. Matched only against the identity the
    /// channel authenticated (a validated Teams token's activity, a verified Slack request).
    /// </summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>
    /// "sha256:" and the lower-case hex SHA-256 of the broadcast API key (<c>notesguard practice hash-key</c>).
    /// Unset: POST /api/practice/broadcast answers every call 401.
    /// </summary>
    public string? BroadcastApiKeyHash { get; set; }

    /// <summary>How long an audit entry is kept (1 to 3650 days; default 365).</summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// How the audit trail names an admin: "Hashed" (default; a SHA-256 prefix, enough to tell admins apart and to
    /// check a known id against) or "Plain" (the id as it is written in <see cref="Admins"/>).
    /// </summary>
    public string AuditIdentities { get; set; } = "Hashed";

    /// <summary>
    /// The rulebook the practice used before the current one: the "Guidance updated" card says what changed from it.
    /// Unset: that card cannot be posted.
    /// </summary>
    public string? PreviousRulebookPath { get; set; }
}
