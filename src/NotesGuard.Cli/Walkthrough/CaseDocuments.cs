using System.Globalization;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Letters;
using NotesGuard.Guidance.Rulebook;
using NotesGuard.Letters;
using Spectre.Console;

namespace NotesGuard.Cli.Walkthrough;

/// <summary>
/// <c>notesguard ask</c>'s documents: after the guidance card, the documents that fit its outcome, numbered, each with
/// its opening words; "write N" saves one as a Word document in the <c>--out</c> folder, "read N" prints its text.
/// Filled from the card's answer codes and the practice settings only, as in the chats.
/// </summary>
internal sealed class CaseDocuments(RulebookDocument rulebook, PracticeSettings settings, DirectoryInfo folder, IAnsiConsole console)
{
    private const string ValuePrefix = "letters|";

    private IReadOnlyList<FilledLetter> _offered = [];

    /// <summary>Lists the documents that fit the card (none when the rulebook has no letters).</summary>
    public void Offer(GuidanceCardReply card)
    {
        ArgumentNullException.ThrowIfNull(card);
        _offered = [.. rulebook.Letters.FittingOutcome(card.Advice.Outcome).Select(t => LetterFiller.Fill(rulebook, t, card.Advice.Outcome, card.Answers, settings))];
        if (_offered.Count == 0)
        {
            return;
        }

        console.WriteLine();
        console.MarkupLine($"[bold]{Markup.Escape(CardWords.DocumentsForThisCase)}[/]");
        console.MarkupLine($"[grey]{Markup.Escape(CardWords.DocumentsAreDrafts)}[/]");
        for (var i = 0; i < _offered.Count; i++)
        {
            console.MarkupLine($"  {i + 1}. [bold]{Markup.Escape(_offered[i].Title)}[/]");
            console.MarkupLine($"     [grey]{Markup.Escape(LetterTextRenderer.Opening(_offered[i]))}[/]");
        }

        console.MarkupLine($"[grey]Type write N to save document N as a Word document in {Markup.Escape(folder.FullName)}, or read N to show it here.[/]");
    }

    /// <summary>Forgets the offer when the walkthrough moves on (a new case, back).</summary>
    public void Withdraw() => _offered = [];

    /// <summary>The menu entries while documents are offered: save each, read each.</summary>
    public IEnumerable<ReplyButton> Buttons =>
        _offered.SelectMany((letter, i) => new[]
        {
            new ReplyButton($"{CardWords.WordDocument}: {letter.Title}", $"{ValuePrefix}write|{i + 1}"),
            new ReplyButton($"{CardWords.ReadHere}: {letter.Title}", $"{ValuePrefix}read|{i + 1}"),
        });

    /// <summary>The commands typed in line mode while documents are offered.</summary>
    public IEnumerable<string> Commands => _offered.Count == 0 ? [] : ["write N", "read N"];

    /// <summary>Handles "write N" / "read N" (typed, or a menu value); false when the turn is not about a document.</summary>
    public bool TryHandle(string? text, string? value)
    {
        if (_offered.Count == 0 || Parse(text, value) is not { } command)
        {
            return false;
        }

        if (command.Number < 1 || command.Number > _offered.Count)
        {
            console.MarkupLine($"[yellow]There is no document {command.Number.ToString(CultureInfo.InvariantCulture)}: choose 1 to {_offered.Count.ToString(CultureInfo.InvariantCulture)}.[/]");
            return true;
        }

        var letter = _offered[command.Number - 1];
        if (command.Verb == "read")
        {
            console.WriteLine();
            console.WriteLine(LetterTextRenderer.Render(letter));
            return true;
        }

        Write(letter);
        return true;
    }

    private void Write(FilledLetter letter)
    {
        try
        {
            folder.Create();
            var path = FreePath(Path.Combine(folder.FullName, letter.FileName("docx")));
            File.WriteAllBytes(path, DocxLetterWriter.Write(letter));
            console.MarkupLine($"Saved {Markup.Escape(letter.Title)}: {Markup.Escape(path)}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.MarkupLine($"[yellow]Could not save the document in {Markup.Escape(folder.FullName)}: {Markup.Escape(ex.Message)}[/]");
        }
    }

    /// <summary>Never overwrites an earlier copy, which the therapist may already have filled in.</summary>
    private static string FreePath(string path)
    {
        var candidate = path;
        for (var n = 2; File.Exists(candidate); n++)
        {
            candidate = Path.Combine(Path.GetDirectoryName(path)!, $"{Path.GetFileNameWithoutExtension(path)}-{n.ToString(CultureInfo.InvariantCulture)}{Path.GetExtension(path)}");
        }

        return candidate;
    }

    private static (string Verb, int Number)? Parse(string? text, string? value)
    {
        var words = value is not null && value.StartsWith(ValuePrefix, StringComparison.Ordinal)
            ? value[ValuePrefix.Length..].Split('|')
            : (text ?? "").Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words is [("write" or "read") and var verb, var number] && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? (verb, n)
            : null;
    }
}
