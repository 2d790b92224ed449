namespace NotesGuard.Slack.Work;

/// <summary>Something to do after Slack has been acknowledged. Holds ids and values only, never message text at rest.</summary>
public abstract record SlackWork(string TeamId, string UserId)
{
    /// <summary>Whose work this is, for the per-person share of the queue.</summary>
    public string PersonKey => SlackPlace.UserKey(TeamId, UserId);

    /// <summary>
    /// Work with the same key is done in the order it arrived, one item at a time. It is the person for every kind of
    /// work: a slash-command restart starts its walkthrough in a new thread or the DM, a place the command itself does
    /// not name, so only a key without the place keeps that restart and the same person's next click from running
    /// side by side. Not virtual, so no kind of work can choose a key of its own again.
    /// </summary>
    public string OrderKey => PersonKey;

    /// <summary>
    /// The workspace's own work (an uninstall, the bot joining or leaving a channel), nobody's turn: it takes no
    /// person's share of the queue, and when it cannot be queued Slack is asked to deliver it again.
    /// </summary>
    public bool ForWholeWorkspace => this is UninstallWork or ChannelMembershipWork;

    /// <summary>
    /// Only the kind of work and its workspace: records print every property, and work items hold a person's id, a
    /// response_url (a credential) and, for a turn, the text someone typed.
    /// </summary>
    public sealed override string ToString() => $"{GetType().Name} {{ TeamId = {TeamId} }}";
}

/// <summary>
/// A turn for the engine: typed text or a clicked button's value, in a DM or a thread. The interaction fields
/// say how to answer: update the clicked message, open a modal with the trigger, or use the response_url.
/// </summary>
public sealed record TurnWork(
    SlackPlace Place,
    string UserId,
    string TurnId,
    string? Text = null,
    string? ActionValue = null,
    string? ClickedMessageTs = null,
    string? TriggerId = null,
    string? DisplayName = null) : SlackWork(Place.TeamId, UserId);

/// <summary>"Why am I asked this?": the rulebook's answer, shown only to the person who asked.</summary>
public sealed record WhyWork(SlackPlace Place, string UserId, string WhyText) : SlackWork(Place.TeamId, UserId);

/// <summary>The user opened the App Home tab: publish it.</summary>
public sealed record AppHomeWork(string TeamId, string UserId) : SlackWork(TeamId, UserId);

/// <summary>
/// Start or restart a case from the slash command or App Home: in the channel's new thread when possible,
/// else in the user's DM. <paramref name="CommandText"/> is what the engine understands ("restart").
/// </summary>
public sealed record StartCaseWork(
    string TeamId,
    string UserId,
    string TurnId,
    string CommandText,
    string? ChannelId,
    Uri? ResponseUrl) : SlackWork(TeamId, UserId);

/// <summary>A command whose replies go back privately through the response_url (help, forget-me).</summary>
public sealed record CommandTurnWork(SlackPlace Place, string UserId, string TurnId, string Text, Uri? ResponseUrl) : SlackWork(Place.TeamId, UserId);

/// <summary>A review modal's answer was being changed: show the "answer it in the conversation" view.</summary>
public sealed record ModalChangeWork(string TeamId, string UserId, string ViewId) : SlackWork(TeamId, UserId);

/// <summary>
/// The queue was full, or the person is over the rate limit: tell them to try again instead of staying silent.
/// <paramref name="Text"/> is NotesGuard's own wording, never the user's.
/// </summary>
public sealed record BusyNoticeWork(string TeamId, string UserId, string? ChannelId, string? ThreadTs, Uri? ResponseUrl, string? Text = null) : SlackWork(TeamId, UserId);

/// <summary>The app was uninstalled or its tokens revoked in a workspace: forget that workspace's stored token.</summary>
public sealed record UninstallWork(string TeamId) : SlackWork(TeamId, "");

/// <summary>NotesGuard joined or left a channel: the practice's list of channels to post to follows.</summary>
public sealed record ChannelMembershipWork(string TeamId, string ChannelId, bool Joined) : SlackWork(TeamId, "");
