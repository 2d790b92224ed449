using NotesGuard.Cli.Rendering;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Json;
using Spectre.Console;

namespace NotesGuard.Cli.Walkthrough;

/// <summary>
/// One terminal walkthrough: ask the advisor's next question, take the reply, repeat until the card; back and
/// restart work at every point, including after the card.
/// </summary>
internal sealed class AskSession(IAdvisor advisor, IAnsiConsole console, ReplyReader replies, bool stepSources = false)
{
    private readonly GuidanceView _view = new(console, stepSources);
    private readonly AnswerTrail _trail = new();

    public int Run()
    {
        console.MarkupLine("[bold]NotesGuard[/]: a few questions about a request for a client's notes.");
        while (true)
        {
            var response = advisor.Advise(_trail.Answers);
            var reply = response.Result is { } advice ? ShowCard(advice) : AskQuestion(response.NextQuestion!, response);
            switch (reply.Kind)
            {
                case ReplyKind.Quit:
                    return ExitCodes.Ok;
                case ReplyKind.Back when _trail.CanGoBack:
                    _trail.Back();
                    break;
                case ReplyKind.Back:
                    console.MarkupLine("[grey]This is the first question; there is nothing to go back to.[/]");
                    break;
                case ReplyKind.Restart:
                    _trail.Restart();
                    console.MarkupLine("[grey]Starting again.[/]");
                    break;
                case ReplyKind.Choice:
                    _trail.Answer(response.NextQuestion!.Id, reply.Choice!.Value);
                    break;
                case ReplyKind.Why:
                    // The question is shown again after its reason.
                    break;
                case ReplyKind.NotRecognised when response.NextQuestion is { } question:
                    console.MarkupLine($"[red]Sorry, I did not recognise that.[/] Please choose one of: {Markup.Escape(string.Join(", ", question.Choices.Select((c, i) => $"{i + 1} {c.Title}")))}");
                    break;
                case ReplyKind.NotRecognised:
                    console.MarkupLine("[red]Sorry, I did not recognise that.[/]");
                    break;
            }
        }
    }

    private Reply AskQuestion(Question question, AdviceResponse response)
    {
        _view.Question(question, AdviceJson.ProgressFor(advisor, _trail.Answers, response)!);
        var reply = replies.ReadAnswer(question, _trail.CanGoBack);
        if (reply.Kind == ReplyKind.Why)
        {
            _view.Why(question);
        }

        return reply;
    }

    private Reply ShowCard(Advice advice)
    {
        _view.Card(advice);
        return replies.ReadAfterCard();
    }
}
