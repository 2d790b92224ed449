using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Json;
using Spectre.Console;

namespace NotesGuard.Cli.Rendering;

/// <summary>
/// Renders questions and guidance cards for a person at a terminal. All wording comes from the rulebook
/// (via <see cref="Advice"/> and <see cref="Question"/>) and the labels from <see cref="CardWords"/>. Everything is
/// escaped, since square brackets are Spectre markup. Source ids follow each step only when
/// <paramref name="stepSources"/> is set (<c>--sources</c>).
/// </summary>
internal sealed class GuidanceView(IAnsiConsole console, bool stepSources = false)
{
    public void Question(Question question, QuestionProgress progress)
    {
        console.WriteLine();
        console.MarkupLine($"[grey]Question {progress.Number} of about {progress.EstimatedTotal}[/]");
        console.MarkupLine($"[bold]{Markup.Escape(question.Text)}[/]");
        for (var i = 0; i < question.Choices.Count; i++)
        {
            console.MarkupLine($"  {i + 1}. {Markup.Escape(question.Choices[i].Title)} [grey]({Markup.Escape(question.Choices[i].Value)})[/]");
        }
    }

    public void Why(Question question) =>
        console.MarkupLine($"[italic]{Markup.Escape(CardWords.WhyWeAsk)}:[/] {Markup.Escape(question.Why)}");

    /// <summary>
    /// The guidance card, translated line by line from <see cref="GuidanceCardModel"/>: the same sections, order and
    /// words as in Teams, Slack and the web chat. A terminal cannot hide a link behind its title, so an address
    /// follows its title in angle brackets. The one addition is <c>--sources</c>: each step's source ids, for
    /// people checking a rulebook.
    /// </summary>
    public void Card(Advice advice, string? ownerName = null)
    {
        var card = GuidanceCardModel.Build(new GuidanceCardReply("", advice, [], OwnerName: ownerName));
        console.WriteLine();
        foreach (var section in card.Sections)
        {
            if (section.Label is not null || section.Kind == CardSectionKind.Footer)
            {
                console.WriteLine();
            }

            if (section.Label is not null)
            {
                console.MarkupLine($"[bold]{Markup.Escape(section.Label)}[/]");
            }

            foreach (var line in section.Lines)
            {
                console.MarkupLine(Line(section, line, advice));
            }
        }
    }

    private string Line(CardSection section, CardLine line, Advice advice)
    {
        var text = Markup.Escape(Text(line));
        return section.Kind switch
        {
            CardSectionKind.Banner => $"[bold blue]{text}[/]",
            CardSectionKind.Practice => $"[grey]{text}[/]",
            CardSectionKind.Headline => $"[bold yellow]{text}[/]",
            CardSectionKind.Verdict => $"[bold]{text}[/]",
            CardSectionKind.Footer when line == section.Lines[0] => $"[italic]{text}[/]",
            CardSectionKind.Footer => $"[grey]{text}[/]",
            CardSectionKind.DoNow or CardSectionKind.Then when stepSources && line.Number is { } n =>
                $"  {text} [grey][[{Markup.Escape(string.Join(", ", advice.Steps[n - 1].Sources))}]][/]",
            CardSectionKind.DoNow or CardSectionKind.Then => $"  {text}",
            _ => $"  • {text}",
        };
    }

    /// <summary>The line's words, with its address (if any) right after the title.</summary>
    private static string Text(CardLine line) =>
        line.Url is null ? line.Words : (line with { Text = $"{line.Text} <{line.Url}>" }).Words;
}
