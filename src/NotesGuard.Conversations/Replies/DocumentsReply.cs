namespace NotesGuard.Conversations.Replies;

/// <summary>
/// One document offered after a guidance card: its title, the opening of its text, where to download it as Word
/// and as text (short-lived links), and the button that shows its whole text in the chat. Filled from codes and
/// the practice settings only.
/// </summary>
public sealed record DocumentOffer(string Kind, string Title, string Preview, string DocxUrl, string TextUrl, ReplyButton ReadHere)
{
    /// <summary>Where the channel can take an uploaded file (Slack): the button that sends the Word document into the chat.</summary>
    public ReplyButton? SendFile { get; init; }
}

/// <summary>The documents that fit the card just shown, as the "Documents for this case" card on every surface.</summary>
public sealed record DocumentsReply(IReadOnlyList<DocumentOffer> Documents, int LinkLifetimeMinutes) : Reply;

/// <summary>A file to put into the conversation (Slack uploads it); offered only where the channel can take one.</summary>
public sealed record FileReply(string FileName, string Title, byte[] Content) : Reply;
