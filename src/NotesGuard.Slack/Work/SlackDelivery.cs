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
    bool PrivateOnly = false);
