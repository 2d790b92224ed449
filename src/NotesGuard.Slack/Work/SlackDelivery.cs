namespace NotesGuard.Slack.Work;

/// <summary>
/// Where and how to deliver one turn's replies: the place, the Slack user (for ephemeral replies), and, when the
/// turn came from a click, the clicked message (to update it) and the trigger (to open a modal).
/// </summary>
public sealed record SlackDelivery(
    string Token,
    SlackPlace Place,
    string SlackUserId,
    string? ClickedMessageTs = null,
    string? TriggerId = null,
    Uri? ResponseUrl = null,
    bool PrivateOnly = false)
{
    // A record prints every property: the token and the response_url are credentials and the user id names someone,
    // so a log line or a debugger shows only that they are there.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Token = (hidden), SlackUserId = (hidden), PrivateOnly = ").Append(PrivateOnly);
        return true;
    }
}
