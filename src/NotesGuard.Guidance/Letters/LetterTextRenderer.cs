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

    /// <summary>How a source is cited in every format: title, citation and, when it has one, its address.</summary>
    public static string SourceLine(SourceReference source) =>
        source.Url is null ? $"{source.Title}: {source.Citation}." : $"{source.Title}: {source.Citation}. {source.Url}";

    private static string Join(IEnumerable<LetterRun> runs) => string.Concat(runs.Select(r => r.Text));
}
