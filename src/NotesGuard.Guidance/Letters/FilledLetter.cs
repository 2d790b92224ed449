namespace NotesGuard.Guidance.Letters;

/// <summary>A piece of text; a blank is shown marked (highlighted in Word) for the therapist to fill in their copy.</summary>
public sealed record LetterRun(string Text, bool IsBlank);

/// <summary>A filled paragraph and the numbers of the sources (in <see cref="FilledLetter.Sources"/>) that support it.</summary>
public sealed record FilledParagraph(IReadOnlyList<LetterRun> Runs, IReadOnlyList<int> SourceNumbers)
{
    public string PlainText => string.Concat(Runs.Select(r => r.Text));
}

public sealed record FilledSection(string Id, IReadOnlyList<LetterRun>? Heading, IReadOnlyList<FilledParagraph> Paragraphs, LetterTable? Table);

/// <summary>A document ready to render: every placeholder resolved from codes and settings, or left as a marked blank.</summary>
public sealed record FilledLetter(
    string Kind,
    string Id,
    string Outcome,
    string RulebookVersion,
    string Title,
    IReadOnlyList<FilledSection> Sections,
    IReadOnlyList<SourceReference> Sources,
    IReadOnlyList<LetterRun> Footer)
{
    /// <summary>A safe download name built only from codes, e.g. <c>notesguard-reply-ask-for-written-request.docx</c>.</summary>
    public string FileName(string extension) =>
        Kind == Id ? $"notesguard-{Kind}.{extension}" : $"notesguard-{Kind}-{Id}.{extension}";
}
