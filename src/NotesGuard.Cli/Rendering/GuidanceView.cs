using NotesGuard.Guidance;
using NotesGuard.Guidance.Json;
using Spectre.Console;

namespace NotesGuard.Cli.Rendering;

/// <summary>
/// Renders questions and guidance cards for a person at a terminal. All wording comes from the rulebook
/// (via <see cref="Advice"/> and <see cref="Question"/>); only the labels are ours. Everything from the
/// rulebook is escaped, since square brackets are Spectre markup.
/// </summary>
internal sealed class GuidanceView(IAnsiConsole console)
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

        console.WriteLine();
        console.MarkupLine("[bold]What to do[/]");
        for (var i = 0; i < advice.Steps.Count; i++)
        {
            var step = advice.Steps[i];
            console.MarkupLine($"  {i + 1}. {Markup.Escape(step.Text)} [grey][[{Markup.Escape(string.Join(", ", step.Sources))}]][/]");
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

        console.WriteLine();
        console.MarkupLine("[bold]Who to call[/]");
        if (advice.HelplineInstruction is { } instruction)
        {
            console.MarkupLine($"  {Markup.Escape(instruction)}");
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
                console.MarkupLine($"  [[{Markup.Escape(source.Id)}]] {Markup.Escape(source.Citation)}{Markup.Escape(url)}");
            }
        }

        console.WriteLine();
        console.MarkupLine($"[italic]{Markup.Escape(advice.Disclaimer)}[/]");
        console.MarkupLine($"[grey]Rulebook {Markup.Escape(advice.RulebookVersion)}[/]");
    }
}
