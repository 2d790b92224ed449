using NotesGuard.Guidance;
using NotesGuard.Guidance.Json;
using Spectre.Console;

namespace NotesGuard.Cli.Rendering;

/// <summary>
/// Renders questions and guidance cards for a person at a terminal. All wording comes from the rulebook
/// (via <see cref="Advice"/> and <see cref="Question"/>); only the labels are ours. Everything from the
/// rulebook is escaped, since square brackets are Spectre markup. The "Do now" steps come first under their own
/// heading; sources are listed once at the end, and after each step only when <paramref name="stepSources"/> is set
/// (<c>--sources</c>).
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
        console.MarkupLine($"[italic]Why we ask:[/] {Markup.Escape(question.Why)}");

    public void Card(Advice advice)
    {
        console.WriteLine();
        console.MarkupLine("[bold]── NotesGuard guidance ──[/]");
        if (advice.PracticeName is { } practice)
        {
            console.MarkupLine($"[grey]{Markup.Escape(practice)}[/]");
        }

        console.MarkupLine($"[bold yellow]{Markup.Escape(advice.Headline)}[/]");
        console.MarkupLine($"[bold]{Markup.Escape(advice.HandOverNotesLabel)}[/]");
        console.MarkupLine($"[grey]outcome: {Markup.Escape(advice.Outcome)}[/]");

        var number = 0;
        foreach (var (heading, steps) in new[] { ("Do now", advice.DoNowSteps), ("Then", advice.LaterSteps) })
        {
            var first = true;
            foreach (var step in steps)
            {
                if (first)
                {
                    console.WriteLine();
                    console.MarkupLine($"[bold]{heading}[/]");
                    first = false;
                }

                var sources = stepSources ? $" [grey][[{Markup.Escape(string.Join(", ", step.Sources))}]][/]" : "";
                console.MarkupLine($"  {++number}. {Markup.Escape(step.Text)}{sources}");
            }
        }

        if (advice.Links.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Read more[/]");
            foreach (var link in advice.Links)
            {
                console.MarkupLine($"  • {Markup.Escape(link.Title)}: [link]{Markup.Escape(link.Url)}[/]");
            }
        }

        // The "Do now" helpline step already says to call the insurer; here are only the practice's numbers.
        if (advice.Helplines.Count > 0 || advice.SupervisorContact is not null)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Who to call[/]");
        }

        foreach (var helpline in advice.Helplines)
        {
            var hours = helpline.Hours is null ? "" : $" ({helpline.Hours})";
            var hint = helpline.PolicyNumberHint is null ? "" : $"; policy number: {helpline.PolicyNumberHint}";
            console.MarkupLine($"  • {Markup.Escape(helpline.Name)}: [bold]{Markup.Escape(helpline.Phone)}[/]{Markup.Escape(hours + hint)}");
        }

        if (advice.SupervisorContact is { } supervisor)
        {
            console.MarkupLine($"  • Supervisor: {Markup.Escape(supervisor)}");
        }

        if (advice.Sources.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Sources[/]");
            foreach (var source in advice.Sources)
            {
                var url = source.Url is null ? "" : $" {source.Url}";
                var citedBy = advice.Steps.Select((s, i) => (s, i)).Where(x => x.s.Sources.Contains(source.Id)).Select(x => x.i + 1);
                console.MarkupLine(
                    $"  [[{Markup.Escape(source.Id)}]] {Markup.Escape(source.Citation)}{Markup.Escape(url)} [grey](step {string.Join(", ", citedBy)})[/]");
            }
        }

        console.WriteLine();
        console.MarkupLine($"[italic]{Markup.Escape(advice.Disclaimer)}[/]");
        console.MarkupLine($"[grey]Rulebook {Markup.Escape(advice.RulebookVersion)}[/]");
    }
}
