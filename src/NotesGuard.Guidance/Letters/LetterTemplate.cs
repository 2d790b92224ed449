namespace NotesGuard.Guidance.Letters;

/// <summary>One paragraph as the rulebook words it: text with {placeholders}, and the sources for what it asserts.</summary>
public sealed record LetterParagraph(string Text, IReadOnlyList<string> Sources);

/// <summary>An empty table for the therapist to fill (the request log's entries).</summary>
public sealed record LetterTable(IReadOnlyList<string> Columns, int Rows);

public sealed record LetterSection(string Id, string? Heading, IReadOnlyList<LetterParagraph> Paragraphs, LetterTable? Table);

/// <summary>One document of a kind (a kind other than reply has exactly one), and the outcomes it fits.</summary>
public sealed record LetterTemplate(string Kind, string Id, string Title, IReadOnlyList<string> Fits, IReadOnlyList<LetterSection> Sections);

/// <summary>The rulebook's <c>letters</c> section: the marked blanks, requester wording, footer and documents.</summary>
public sealed class LetterBook(
    IReadOnlyDictionary<string, string> blanks,
    IReadOnlyDictionary<string, string> requesters,
    string footer,
    IReadOnlyList<LetterTemplate> templates)
{
    public static readonly LetterBook Empty = new(new Dictionary<string, string>(), new Dictionary<string, string>(), "", []);

    public IReadOnlyDictionary<string, string> Blanks { get; } = blanks;

    public IReadOnlyDictionary<string, string> Requesters { get; } = requesters;

    public string Footer { get; } = footer;

    public IReadOnlyList<LetterTemplate> Templates { get; } = templates;

    /// <summary>The documents that fit an outcome, in the rulebook's order (each kind at most once).</summary>
    public IReadOnlyList<LetterTemplate> FittingOutcome(string outcome) =>
        [.. Templates.Where(t => t.Fits.Contains(outcome, StringComparer.Ordinal))];

    /// <summary>The document of <paramref name="kind"/> for <paramref name="outcome"/>, or null when none fits.</summary>
    public LetterTemplate? Find(string kind, string outcome) =>
        Templates.FirstOrDefault(t => t.Kind == kind && t.Fits.Contains(outcome, StringComparer.Ordinal));

    /// <summary>The outcomes each kind fits, in contract order of kinds.</summary>
    public IEnumerable<(string Kind, IReadOnlyList<string> Outcomes)> KindsWithOutcomes() =>
        LetterContract.Kinds.Select(kind => (kind, (IReadOnlyList<string>)[.. AdviceContract.Outcomes.Where(o => Find(kind, o) is not null)]));
}
