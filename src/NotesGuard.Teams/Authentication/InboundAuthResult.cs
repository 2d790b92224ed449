namespace NotesGuard.Teams.Authentication;

/// <summary>
/// The verdict on one request's token. <see cref="Reason"/> is for logs: it never holds the token or a claim
/// value that could identify a person.
/// </summary>
internal sealed record InboundAuthResult(bool IsValid, string Reason, bool KeysUnavailable = false)
{
    public static readonly InboundAuthResult AuthenticationOff = new(true, "authentication off (Development, no App ID)");

    public static InboundAuthResult Fail(string reason) => new(false, reason);
}
