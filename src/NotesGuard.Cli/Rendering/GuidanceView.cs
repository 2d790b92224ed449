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

    /// <summary>
    /// One of the conversation engine's replies, as <c>notesguard ask</c> shows it: each card translated section by
    /// section from its card model, as Teams, Slack and the web chat translate it. A question's reason stays folded
    /// (the chats fold it too) until someone asks "why", which the engine answers with a titled text.
    /// </summary>
    public void Show(Reply reply)
    {
        switch (reply)
        {
            case QuestionReply question:
                console.WriteLine();
                Sections(QuestionCardModel.Build(question), advice: null);
                break;
            case ReviewReply review:
                console.WriteLine();
                Sections(ReviewCardModel.Build(review), advice: null);
                break;
            case AnsweredQuestionReply answered:
                Sections(AnsweredCardModel.Build(answered), advice: null);
                break;
            case GuidanceCardReply card:
                Card(card);
                break;
            case TextReply { Title: { } title } text:
                console.MarkupLine($"[italic]{Markup.Escape(title)}:[/] {Markup.Escape(text.Text)}");
                break;
            case TextReply text:
                console.MarkupLine(text.Kind == TextKind.Notice ? $"[yellow]{Markup.Escape(text.Text)}[/]" : Markup.Escape(text.Text));
                break;
        }
    }

    /// <summary>
    /// The guidance card, translated line by line from <see cref="GuidanceCardModel"/>: the same sections, order and
    /// words as in Teams, Slack and the web chat. A terminal cannot hide a link behind its title, so an address
    /// follows its title in angle brackets. The one addition is <c>--sources</c>: each step's source ids, for
    /// people checking a rulebook.
    /// </summary>
    public void Card(Advice advice, string? ownerName = null) =>
        Card(new GuidanceCardReply("", advice, [], OwnerName: ownerName));

    /// <inheritdoc cref="Card(Advice, string?)"/>
    public void Card(GuidanceCardReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        console.WriteLine();
        Sections(GuidanceCardModel.Build(reply), reply.Advice);
    }

    private void Sections(Card card, Advice? advice)
    {
        foreach (var section in card.Sections.Where(s => s.Kind != CardSectionKind.Why))
        {
            if (section.Label is not null || section.Kind == CardSectionKind.Footer)
            {
                console.WriteLine();
            }

            if (section.Label is not null)
            {
                console.MarkupLine($"[bold]{Markup.Escape(section.Label)}[/]");
            }

            for (var i = 0; i < section.Lines.Count; i++)
            {
                console.MarkupLine(Line(section, section.Lines[i], i + 1, advice));
            }
        }
    }

    private string Line(CardSection section, CardLine line, int position, Advice? advice)
    {
        var text = Markup.Escape(Text(line));
        return section.Kind switch
        {
            CardSectionKind.Banner => $"[bold blue]{text}[/]",
            CardSectionKind.Practice or CardSectionKind.Progress or CardSectionKind.AnsweredBy => $"[grey]{text}[/]",
            CardSectionKind.Headline => $"[bold yellow]{text}[/]",
            CardSectionKind.Verdict or CardSectionKind.Question or CardSectionKind.Heading => $"[bold]{text}[/]",
            CardSectionKind.Notice => $"[yellow]{text}[/]",
            // Numbered as the recogniser numbers them, so a typed "2" picks the second line.
            CardSectionKind.Choices => $"  {position}. {text}",
            CardSectionKind.Answers => $"  {position}. {Markup.Escape(line.Text)} [bold]{Markup.Escape(line.Detail ?? "")}[/]",
            CardSectionKind.Footer when line == section.Lines[0] => $"[italic]{text}[/]",
            CardSectionKind.Footer => $"[grey]{text}[/]",
            CardSectionKind.DoNow or CardSectionKind.Then when stepSources && advice is not null && line.Number is { } n =>
                $"  {text} [grey][[{Markup.Escape(string.Join(", ", advice.Steps[n - 1].Sources))}]][/]",
            CardSectionKind.DoNow or CardSectionKind.Then => $"  {text}",
            CardSectionKind.Answer => text,
            _ => $"  • {text}",
        };
    }

    /// <summary>The line's words, with its address (if any) right after the title.</summary>
    private static string Text(CardLine line) =>
        line.Url is null ? line.Words : (line with { Text = $"{line.Text} <{line.Url}>" }).Words;
}
