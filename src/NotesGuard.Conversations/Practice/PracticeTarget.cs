namespace NotesGuard.Conversations.Practice;

/// <summary>
/// A shared conversation a practice can post to: a Teams channel or group chat (<c>msteams:&lt;conversation id&gt;</c>)
/// or a Slack channel in one workspace (<c>slack:&lt;team id&gt;:&lt;channel id&gt;</c>).
/// </summary>
public sealed record PracticeTarget(string ChannelId, string ConversationId, string? TeamId = null)
{
    public const string Teams = "msteams";
    public const string Slack = "slack";

    /// <summary>How the API, the results and the audit trail name this target.</summary>
    public string Id => TeamId is null ? $"{ChannelId}:{ConversationId}" : $"{ChannelId}:{TeamId}:{ConversationId}";

    public static PracticeTarget? TryParse(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 300)
        {
            return null;
        }

        if (id.StartsWith("msteams:", StringComparison.Ordinal) && id.Length > "msteams:".Length)
        {
            return new PracticeTarget(Teams, id["msteams:".Length..]);
        }

        var parts = id.Split(':');
        return parts is [Slack, { Length: > 0 } team, { Length: > 0 } channel] ? new PracticeTarget(Slack, channel, team) : null;
    }
}

/// <summary>What happened at one target: posted, or failed and why (a status or error code, never message text).</summary>
public sealed record PracticePostResult(string Target, bool Posted, string? Error = null)
{
    public static PracticePostResult Ok(PracticeTarget target) => new(target.Id, true);

    public static PracticePostResult Failed(PracticeTarget target, string why) => new(target.Id, false, why);
}

/// <summary>One channel's way of posting a practice card into a shared conversation (Teams, Slack).</summary>
public interface IPracticeChannel
{
    string ChannelId { get; }

    Task<PracticePostResult> PostAsync(PracticeTarget target, Replies.TextReply card, CancellationToken cancellationToken);
}
