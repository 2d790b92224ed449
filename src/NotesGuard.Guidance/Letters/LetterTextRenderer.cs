using System.Text;

namespace NotesGuard.Guidance.Letters;

/// <summary>The plain-text form of a document, for the chat and <c>notesguard letter --format text</c>.</summary>
public static class LetterTextRenderer
{
    public static string Render(FilledLetter letter)
    {
        var text = new StringBuilder();
        text.Append(letter.Title).Append('\n').Append('=', letter.Title.Length).Append("\n\n");
        foreach (var section in letter.Sections)
        {
            if (section.Heading is { } heading)
            {
                var line = Join(heading);
                text.Append(line).Append('\n').Append('-', line.Length).Append('\n');
            }

            foreach (var paragraph in section.Paragraphs)
            {
                text.Append(paragraph.PlainText);
                if (paragraph.SourceNumbers.Count > 0)
                {
                    text.Append(" (").AppendJoin(", ", paragraph.SourceNumbers).Append(')');
                }

                text.Append('\n');
            }

            if (section.Table is { } table)
            {
                text.AppendJoin(" | ", table.Columns).Append('\n');
                for (var row = 0; row < table.Rows; row++)
                {
                    text.AppendJoin(" | ", table.Columns.Select(_ => "    ")).Append('\n');
                }
            }

            text.Append('\n');
        }

        if (letter.Sources.Count > 0)
        {
            text.Append("Sources\n-------\n");
            for (var i = 0; i < letter.Sources.Count; i++)
            {
                text.Append(i + 1).Append(". ").Append(SourceLine(letter.Sources[i])).Append('\n');
            }

            text.Append('\n');
        }

        text.Append(Join(letter.Footer)).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// The document's opening words, for a chat that lists several documents: the first paragraph under a heading
    /// (a reply's body, not its address block), else the first heading, cut at a word within <paramref name="maxLength"/>.
    /// </summary>
    public static string Opening(FilledLetter letter, int maxLength = 200)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var text = letter.Sections.Where(s => s.Heading is not null).SelectMany(s => s.Paragraphs).Select(p => p.PlainText).FirstOrDefault()
            ?? letter.Sections.Select(s => s.Heading).OfType<IReadOnlyList<LetterRun>>().Select(Join).FirstOrDefault()
            ?? letter.Title;
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', maxLength - 1);
        return string.Concat(text.AsSpan(0, cut > maxLength / 2 ? cut : maxLength - 1), " …");
    }

    /// <summary>How a source is cited in every format: title, citation and, when it has one, its address.</summary>
    public static string SourceLine(SourceReference source) =>
        source.Url is null ? $"{source.Title}: {source.Citation}." : $"{source.Title}: {source.Citation}. {source.Url}";

    private static string Join(IEnumerable<LetterRun> runs) => string.Concat(runs.Select(r => r.Text));
}
