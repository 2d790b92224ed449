using NotesGuard.Conversations.Replies;

namespace NotesGuard.Conversations.Cards;

/// <summary>The parts a card can have. A card lists its sections in the order every surface shows them.</summary>
public enum CardSectionKind
{
    /// <summary>"Alex's case", in group conversations only.</summary>
    Banner,

    /// <summary>The practice's name, when set.</summary>
    Practice,

    Headline,

    /// <summary>What to do with the notes, in the rulebook's words; <see cref="CardSection.Tone"/> says how loudly.</summary>
    Verdict,

    DoNow,

    Then,

    /// <summary>Further reading: each line has a <see cref="CardLine.Url"/>.</summary>
    Links,

    /// <summary>The practice's helplines and supervisor, or the rulebook's instruction when nothing says whom to call.</summary>
    WhoToCall,

    /// <summary>Each source once, with the steps that cite it.</summary>
    Sources,

    /// <summary>The disclaimer and the rulebook version.</summary>
    Footer,

    /// <summary>"Question 3 of about 6".</summary>
    Progress,

    /// <summary>Why the question is asked again ("I didn't recognise that…"), when it is.</summary>
    Notice,

    /// <summary>The question, in the rulebook's words.</summary>
    Question,

    /// <summary>The answers to choose from: each line has a <see cref="CardLine.Button"/>.</summary>
    Choices,

    /// <summary>The rulebook's reason for the question, under "Why am I asked this?" (surfaces may keep it folded).</summary>
    Why,

    /// <summary>"Check your answers": a heading of its own on the review.</summary>
    Heading,

    /// <summary>The answers so far, each question with its answer and a Change button.</summary>
    Answers,

    /// <summary>"✓ The police" on a question already answered.</summary>
    Answer,

    /// <summary>"Answered by Alex".</summary>
    AnsweredBy,

    /// <summary>On a case shared with a group: each question with the answer given (codes' titles, never typed text).</summary>
    SharedAnswers,

    /// <summary>One offered document: its title as the label, the opening of its text, then lines with a
    /// <see cref="CardLine.Url"/> (downloads) and a line with a <see cref="CardLine.Button"/> (read it in the chat).</summary>
    Document,
}

public enum CardTone
{
    Normal,

    /// <summary>Proceed with care (hand over some or all of the notes, within limits).</summary>
    Warning,

    /// <summary>Stop: do not hand over the notes.</summary>
    Attention,
}

/// <summary>
/// One line of a section, as plain text (never markdown: each surface escapes it for its own markup).
/// <see cref="Number"/> is a step's number, <see cref="Term"/> a bold lead ("Supervisor"), <see cref="Url"/>
/// a web address already checked to be http(s), <see cref="Phone"/> a number a surface may make dialable and
/// <see cref="Detail"/> quieter text after it (a citation, opening hours, where the policy number is).
/// </summary>
public sealed record CardLine(string Text)
{
    public int? Number { get; init; }

    public string? Term { get; init; }

    public string? Url { get; init; }

    public bool IsPhone { get; init; }

    public string? Detail { get; init; }

    /// <summary>A button that belongs to this line (a choice, an answer's "Change"); its title is not part of <see cref="Words"/>.</summary>
    public ReplyButton? Button { get; init; }

    /// <summary>The line's words in reading order: what every surface shows, whatever its styling.</summary>
    public string Words =>
        string.Join(' ', new[] { Number is { } n ? $"{n}." : null, Term is null ? null : Term + ":", Text, Detail }
            .Where(w => !string.IsNullOrEmpty(w)));
}

/// <summary>A section: its kind, an optional heading (from <see cref="CardWords"/>) and its lines.</summary>
public sealed record CardSection(CardSectionKind Kind, string? Label, IReadOnlyList<CardLine> Lines, CardTone Tone = CardTone.Normal)
{
    /// <summary>The section's words in reading order: the heading, then each line.</summary>
    public IEnumerable<string> Words => Label is null ? Lines.Select(l => l.Words) : [Label, .. Lines.Select(l => l.Words)];
}
