using NotesGuard.Conversations.Replies;

namespace NotesGuard.Conversations.Cards;

/// <summary>
/// Decides what a question card says and in which order, once for every surface: whose case (in a group), the
/// progress, the notice when the question is asked again, the question, its choices, the rulebook's reason under
/// "Why am I asked this?" (surfaces may keep it folded until asked for), then Back/Restart as the card's buttons.
/// </summary>
public static class QuestionCardModel
{
    public static Card Build(QuestionReply question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var sections = new List<CardSection>();
        if (CardOwner.Banner(question.OwnerName) is { } banner)
        {
            sections.Add(banner);
        }

        sections.Add(new(CardSectionKind.Progress, null, [new CardLine(question.ProgressText)]));
        if (!string.IsNullOrWhiteSpace(question.Notice))
        {
            sections.Add(new(CardSectionKind.Notice, null, [new CardLine(question.Notice)], CardTone.Warning));
        }

        sections.Add(new(CardSectionKind.Question, null, [new CardLine(question.Text)]));
        sections.Add(new(CardSectionKind.Choices, null, [.. question.Choices.Select(c => new CardLine(c.Title) { Button = c })]));
        if (!string.IsNullOrWhiteSpace(question.Why))
        {
            sections.Add(new(CardSectionKind.Why, CardWords.Why, [new CardLine(question.Why)]));
        }

        return new Card(CardOwner.Prefix(question.OwnerName) + question.ProgressText, sections, question.Navigation);
    }
}
