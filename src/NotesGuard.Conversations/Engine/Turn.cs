namespace NotesGuard.Conversations.Engine;

/// <summary>Where a turn happens: a one-to-one chat, or a space several people share.</summary>
public enum ConversationScope
{
    Personal,
    Group,
}

/// <summary>
/// One incoming turn, channel-neutral. Channel adapters translate their wire format into this.
/// <see cref="Text"/> is what the user typed (never stored); <see cref="ActionValue"/> is the value of a
/// button the user clicked, exactly as a reply's <see cref="Replies.ReplyButton.Value"/> gave it.
/// </summary>
public sealed record Turn(
    string ChannelId,
    string ConversationId,
    string UserId,
    string TurnId,
    ConversationScope Scope,
    string? Text = null,
    string? ActionValue = null,
    string? UserDisplayName = null)
{
    public StateKey StateKey => new(ChannelId, ConversationId, UserId);

    /// <summary>
    /// Who the channel authenticated, as Practice:Admins names people (<c>msteams:&lt;aadObjectId&gt;</c>,
    /// <c>slack:&lt;team&gt;:&lt;user&gt;</c>); null where nobody is authenticated (the local web chat).
    /// </summary>
    public string? PrincipalId { get; init; }

    /// <summary>
    /// The channel can show a reply to the person who acted alone (<see cref="Replies.Reply.OnlyForUser"/>: Slack's
    /// ephemeral messages), also in a shared space. False where every reply is seen by everyone in the
    /// conversation (Teams).
    /// </summary>
    public bool RepliesCanBePrivate { get; init; }
}

/// <summary>
/// What the engine answers for one turn, and what happened, so that no channel re-derives it from the turn's text
/// or the replies' wording.
/// </summary>
public sealed record TurnResult(IReadOnlyList<Replies.Reply> Replies, bool WasDuplicate = false)
{
    public static readonly TurnResult Duplicate = new([], WasDuplicate: true);

    /// <summary>
    /// The turn was the person's own "forget me" and every record held about them in this channel is deleted
    /// (a channel drops what it caches about them too). False for a click on someone else's forget-me button.
    /// </summary>
    public bool ForgotPerson { get; init; }

    /// <summary>
    /// Whose case the turn's cards belong to, as the cards' banner names them: in a group, the person whose
    /// walkthrough it is (the card's owner when someone clicked another person's card); null in a personal chat.
    /// </summary>
    public string? CaseOwnerName { get; init; }
}

/// <summary>The conversation engine as the channels see it.</summary>
public interface ITurnHandler
{
    Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken = default);
}
