using NotesGuard.Conversations.Replies;

namespace NotesGuard.Conversations.Cards;

/// <summary>
/// A card as every surface shows it: its sections in order, each with its heading and lines, and its buttons.
/// Built once from a reply by <see cref="GuidanceCardModel"/>; Teams, Slack, the web chat and the CLI only
/// translate it into their own format and must not add, drop, reorder or reword anything.
/// </summary>
public sealed record Card(string Summary, IReadOnlyList<CardSection> Sections, IReadOnlyList<ReplyButton> Actions)
{
    /// <summary>The section of that kind, or null when this card has none.</summary>
    public CardSection? Section(CardSectionKind kind) => Sections.FirstOrDefault(s => s.Kind == kind);

    /// <summary>All the card's words in reading order.</summary>
    public IEnumerable<string> Words => Sections.SelectMany(s => s.Words);

    /// <summary>
    /// What a notification or a screen reader's summary says: whose case, the headline, the verdict and the steps
    /// (not the practice's name, links, contacts, sources or footer, which the card itself shows).
    /// </summary>
    public string Spoken => string.Join(" ", Sections
        .Where(s => s.Kind is CardSectionKind.Banner or CardSectionKind.Headline or CardSectionKind.Verdict or CardSectionKind.DoNow or CardSectionKind.Then)
        .SelectMany(s => s.Words));
}
