using NotesGuard.Cli.Rendering;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using Spectre.Console;

namespace NotesGuard.Cli.Walkthrough;

/// <summary>
/// <c>notesguard ask</c>: the conversation engine the chats use (questions, review, guidance card; why, back,
/// restart, help), with the terminal as its channel. In a terminal each turn is a menu of the last reply's buttons,
/// like a click in a chat; when stdin is piped each line is typed text, recognised by the engine as in a chat.
/// "quit" (or the end of input) leaves; nothing is kept after the process ends.
/// </summary>
internal sealed class ConsoleWalkthrough(ITurnHandler engine, IAnsiConsole console, GuidanceView view, TextReader input, bool interactive, CaseDocuments? documents = null)
{
    public const string ChannelId = "cli";

    /// <summary>The first turn, as the web chat's page sends one so the welcome and first question appear unasked.</summary>
    private const string Opening = "hello";

    private const string QuitLabel = "Quit";

    private static readonly string[] QuitWords = ["quit", "exit", "q"];

    private readonly string _conversationId = Guid.NewGuid().ToString("N");
    private int _turns;

    public static ConsoleWalkthrough ForProcess(ITurnHandler engine, IAnsiConsole console, bool stepSources, CaseDocuments? documents = null) =>
        new(engine, console, new GuidanceView(console, stepSources), Console.In, interactive: !Console.IsInputRedirected && !Console.IsOutputRedirected, documents);

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var replies = await SendAsync(Opening, null, cancellationToken);
        List<ReplyButton> buttons = [];
        while (true)
        {
            // A new question, review or card moves on from the documents of an earlier card.
            if (replies.Any(r => r is QuestionReply or ReviewReply or GuidanceCardReply))
            {
                documents?.Withdraw();
            }

            foreach (var reply in replies)
            {
                view.Show(reply);
                if (reply is GuidanceCardReply card)
                {
                    documents?.Offer(card);
                }
            }

            // A reply without buttons (the reason after "why", a help text) leaves the open card's buttons usable,
            // as they stay clickable in a chat.
            if (Buttons(replies) is { Count: > 0 } shown)
            {
                buttons = shown;
            }

            var next = interactive ? Pick([.. buttons, .. documents?.Buttons ?? []]) : Read(buttons);
            if (next is not { } turn)
            {
                return ExitCodes.Ok;
            }

            // "write 2" or "read 2" is about the documents on screen, not an answer for the engine.
            if (documents?.TryHandle(turn.Text, turn.Value) == true)
            {
                replies = [];
                continue;
            }

            replies = await SendAsync(turn.Text, turn.Value, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<Reply>> SendAsync(string? text, string? value, CancellationToken cancellationToken)
    {
        // One person, one conversation: the walkthrough lives only as long as this process.
        var turn = new Turn(ChannelId, _conversationId, "terminal", $"turn-{++_turns}", ConversationScope.Personal, text, value);
        return (await engine.HandleAsync(turn, cancellationToken)).Replies;
    }

    /// <summary>A typed line; null to quit.</summary>
    private (string? Text, string? Value)? Read(List<ReplyButton> buttons)
    {
        var commands = buttons.Where(b => !IsChoice(b)).Select(b => b.Title.ToLowerInvariant());
        commands = commands.Concat(documents?.Commands ?? []);
        commands = QuestionOpen(buttons) ? commands.Append("why").Append("quit") : commands.Append("quit");
        console.MarkupLine($"[grey]Type a number or an answer, or: {Markup.Escape(string.Join(", ", commands))}[/]");
        var line = input.ReadLine();
        return line is null || QuitWords.Contains(line.Trim().ToLowerInvariant()) ? null : (line, null);
    }

    /// <summary>A menu of the buttons, plus "why" while a question is open; null to quit.</summary>
    private (string? Text, string? Value)? Pick(List<ReplyButton> buttons)
    {
        var options = buttons.Select(b => (Label: b.Title, Text: (string?)null, Value: (string?)b.Value)).ToList();
        if (QuestionOpen(buttons))
        {
            options.Add((CardWords.Why, "why", null));
        }

        options.Add((QuitLabel, null, null));
        var picked = console.Prompt(new SelectionPrompt<int>()
            .Title("Choose")
            .AddChoices(Enumerable.Range(0, options.Count))
            .UseConverter(i => Markup.Escape(options[i].Label)));
        return picked == options.Count - 1 ? null : (options[picked].Text, options[picked].Value);
    }

    /// <summary>The buttons of the last reply that has any, in the order its card shows them.</summary>
    private static List<ReplyButton> Buttons(IReadOnlyList<Reply> replies)
    {
        for (var i = replies.Count - 1; i >= 0; i--)
        {
            List<ReplyButton> buttons = replies[i] switch
            {
                QuestionReply q => [.. q.Choices, .. q.Navigation],
                ReviewReply r => [.. r.Items.Select(item => item.Change with { Title = $"{item.Change.Title}: {item.QuestionText}" }), r.Confirm, .. r.Navigation],
                GuidanceCardReply c => [.. c.Actions],
                TextReply t => [.. t.Buttons],
                _ => [],
            };
            if (buttons.Count > 0)
            {
                return buttons;
            }
        }

        return [];
    }

    private static bool QuestionOpen(List<ReplyButton> buttons) => buttons.Any(b => ButtonValue.TryDecode(b.Value)?.Action == ButtonAction.Answer);

    private static bool IsChoice(ReplyButton button) => ButtonValue.TryDecode(button.Value)?.Action is ButtonAction.Answer or ButtonAction.Change;
}
