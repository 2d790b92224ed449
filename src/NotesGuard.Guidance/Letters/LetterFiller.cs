using System.Text.RegularExpressions;
using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Guidance.Letters;

/// <summary>
/// Fills a document from the outcome, the answer codes and the practice settings only: there is no parameter
/// through which anything a person typed could reach a document.
/// </summary>
public static partial class LetterFiller
{
    [GeneratedRegex(@"\{([^{}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    /// <summary>Fills the <paramref name="kind"/> document that fits <paramref name="outcome"/>, or returns null when none fits.</summary>
    public static FilledLetter? Fill(RulebookDocument rulebook, string kind, string outcome, AnswerSet answers, PracticeSettings settings) =>
        rulebook.Letters.Find(kind, outcome) is { } template ? Fill(rulebook, template, outcome, answers, settings) : null;

    public static FilledLetter Fill(RulebookDocument rulebook, LetterTemplate template, string outcome, AnswerSet answers, PracticeSettings settings)
    {
        var letters = rulebook.Letters;
        var sources = new List<SourceReference>();
        var sections = new List<FilledSection>();
        foreach (var section in template.Sections)
        {
            var heading = section.Heading is null ? null : Resolve(section.Heading);
            var paragraphs = section.Paragraphs
                .Select(p => new FilledParagraph(Resolve(p.Text), [.. p.Sources.Select(NumberOf)]))
                .ToList();
            sections.Add(new FilledSection(section.Id, heading, paragraphs, section.Table));
        }

        return new FilledLetter(template.Kind, template.Id, outcome, rulebook.Version, template.Title, sections, sources, Resolve(letters.Footer));

        int NumberOf(string sourceId)
        {
            var index = sources.FindIndex(s => s.Id == sourceId);
            if (index < 0)
            {
                var definition = rulebook.Sources.First(s => s.Id == sourceId);
                sources.Add(new SourceReference(definition.Id, definition.Title, definition.Citation, definition.Url));
                index = sources.Count - 1;
            }

            return index + 1;
        }

        List<LetterRun> Resolve(string text)
        {
            var runs = new List<LetterRun>();
            var at = 0;
            foreach (Match match in PlaceholderPattern().Matches(text))
            {
                if (match.Index > at)
                {
                    runs.Add(new LetterRun(text[at..match.Index], IsBlank: false));
                }

                runs.Add(Value(match.Groups[1].Value));
                at = match.Index + match.Length;
            }

            if (at < text.Length)
            {
                runs.Add(new LetterRun(text[at..], IsBlank: false));
            }

            return runs;
        }

        LetterRun Value(string name)
        {
            string? filled = name switch
            {
                LetterContract.PracticeName => settings.PracticeName,
                LetterContract.SupervisorContact => settings.SupervisorContact,
                LetterContract.Requester => answers.TryGetValue("requester", out var code) && letters.Requesters.TryGetValue(code, out var words) ? words : null,
                LetterContract.RulebookVersion => rulebook.Version,
                _ when name.StartsWith(LetterContract.LinkPrefix, StringComparison.Ordinal) =>
                    rulebook.Links.First(l => l.Id == name[LetterContract.LinkPrefix.Length..]).Url,
                _ => null,
            };
            return string.IsNullOrWhiteSpace(filled) ? new LetterRun(letters.Blanks[name], IsBlank: true) : new LetterRun(filled.Trim(), IsBlank: false);
        }
    }
}
