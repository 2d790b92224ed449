using NotesGuard.Conversations.Replies;

namespace NotesGuard.Conversations.Cards;

/// <summary>
/// The "Documents for this case" card that follows a guidance card, once for every surface: a heading, a note on
/// blanks and link lifetime, then one section per document (its opening lines, a Word and a text download, and
/// "Read it here", which answers with the document's whole text in the chat).
/// </summary>
public static class DocumentsCardModel
{
    public static Card Build(DocumentsReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        List<CardSection> sections =
        [
            new(CardSectionKind.Heading, null, [new CardLine(CardWords.DocumentsForThisCase)]),
            new(CardSectionKind.Notice, null, [new CardLine(CardWords.DocumentsNote(reply.LinkLifetimeMinutes))]),
        ];
        foreach (var document in reply.Documents)
        {
            sections.Add(new CardSection(CardSectionKind.Document, document.Title,
            [
                new CardLine(document.Preview),
                new CardLine(CardWords.WordDocument) { Url = document.DocxUrl },
                new CardLine(CardWords.TextFile) { Url = document.TextUrl },
                new CardLine(CardWords.ReadHere) { Button = document.ReadHere },
                .. document.SendFile is { } sendFile ? [new CardLine(CardWords.SendFile) { Button = sendFile }] : Array.Empty<CardLine>(),
            ]));
        }

        return new Card(CardWords.DocumentsForThisCase, sections, []);
    }

    /// <summary>The lines of a document section that are downloads (each has a URL).</summary>
    public static IEnumerable<CardLine> Downloads(CardSection section) => section.Lines.Where(l => l.Url is not null);

    /// <summary>The lines of a document section that are its text (no URL, no button).</summary>
    public static IEnumerable<CardLine> Text(CardSection section) => section.Lines.Where(l => l.Url is null && l.Button is null);
}
