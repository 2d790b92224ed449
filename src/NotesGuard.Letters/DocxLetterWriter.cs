using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using NotesGuard.Guidance.Letters;

namespace NotesGuard.Letters;

/// <summary>
/// Writes a filled document as a Word (.docx) file: the title and section headings in Word's heading styles
/// (so the reader's own template restyles them), marked blanks highlighted yellow, source numbers superscript.
/// </summary>
public static class DocxLetterWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The style ids used for the title and section headings; tests find sections by them.</summary>
    public const string TitleStyle = "Title";

    public const string HeadingStyle = "Heading1";

    /// <summary>Word bookmark names allow letters, digits and underscores only.</summary>
    public static string BookmarkName(string sectionId) => "section_" + sectionId.Replace('-', '_');

    public static byte[] Write(FilledLetter letter)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            body.Append(StyledParagraph(TitleStyle, [new LetterRun(letter.Title, IsBlank: false)]));
            var bookmark = 0;
            foreach (var section in letter.Sections)
            {
                // A bookmark per section, so the section can be found (and tests can check it) even without a heading.
                body.Append(new BookmarkStart { Id = bookmark.ToString(CultureInfo.InvariantCulture), Name = BookmarkName(section.Id) });
                if (section.Heading is { } heading)
                {
                    body.Append(StyledParagraph(HeadingStyle, heading));
                }

                foreach (var paragraph in section.Paragraphs)
                {
                    body.Append(Paragraph(paragraph.Runs, paragraph.SourceNumbers));
                }

                if (section.Table is { } table)
                {
                    body.Append(Table(table));
                }

                body.Append(new BookmarkEnd { Id = bookmark.ToString(CultureInfo.InvariantCulture) });
                bookmark++;
            }

            if (letter.Sources.Count > 0)
            {
                body.Append(StyledParagraph(HeadingStyle, [new LetterRun("Sources", IsBlank: false)]));
                for (var i = 0; i < letter.Sources.Count; i++)
                {
                    body.Append(Paragraph([new LetterRun($"{i + 1}. {LetterTextRenderer.SourceLine(letter.Sources[i])}", IsBlank: false)], []));
                }
            }

            body.Append(Paragraph(letter.Footer, []));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1440, Bottom = 1440, Left = 1440U, Right = 1440U }));
            main.Document = new Document(body);
            document.PackageProperties.Title = letter.Title;
            document.PackageProperties.Creator = "NotesGuard";
        }

        return stream.ToArray();
    }

    private static Paragraph StyledParagraph(string style, IEnumerable<LetterRun> runs)
    {
        var paragraph = Paragraph(runs, []);
        paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        return paragraph;
    }

    private static Paragraph Paragraph(IEnumerable<LetterRun> runs, IReadOnlyList<int> sourceNumbers)
    {
        var paragraph = new Paragraph();
        foreach (var run in runs)
        {
            var text = new Run(new Text(XmlSafe(run.Text)) { Space = SpaceProcessingModeValues.Preserve });
            if (run.IsBlank)
            {
                text.PrependChild(new RunProperties(new Highlight { Val = HighlightColorValues.Yellow }));
            }

            paragraph.Append(text);
        }

        if (sourceNumbers.Count > 0)
        {
            paragraph.Append(new Run(
                new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }),
                new Text(" " + string.Join(",", sourceNumbers)) { Space = SpaceProcessingModeValues.Preserve }));
        }

        return paragraph;
    }

    /// <summary>A practice setting could hold a control character, which XML cannot carry: drop it rather than fail the download.</summary>
    private static string XmlSafe(string text) =>
        text.All(XmlConvert.IsXmlChar) ? text : string.Concat(text.Where(XmlConvert.IsXmlChar));

    private static Table Table(LetterTable table)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var result = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        result.Append(Row(table.Columns, header: true));
        for (var row = 0; row < table.Rows; row++)
        {
            result.Append(Row(table.Columns.Select(_ => ""), header: false));
        }

        return result;
    }

    private static TableRow Row(IEnumerable<string> cells, bool header)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader()));
        }

        foreach (var cell in cells)
        {
            var run = new Run(new Text(cell));
            if (header)
            {
                run.PrependChild(new RunProperties(new Bold()));
            }

            row.Append(new TableCell(new Paragraph(run)));
        }

        return row;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri" },
                new FontSize { Val = "22" }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle(), new StyleParagraphProperties(new SpacingBetweenLines { After = "120" }))
            {
                Type = StyleValues.Paragraph,
                StyleId = "Normal",
                Default = true,
            },
            Heading(TitleStyle, "Title", "36"),
            Heading(HeadingStyle, "heading 1", "26"));
    }

    private static Style Heading(string id, string name, string size) =>
        new(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" }),
            new StyleRunProperties(new Bold(), new FontSize { Val = size }))
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
        };
}
