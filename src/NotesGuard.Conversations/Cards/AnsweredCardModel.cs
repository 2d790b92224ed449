using NotesGuard.Conversations.Replies;

namespace NotesGuard.Conversations.Cards;

/// <summary>
/// Decides what a question already answered says, read-only: whose case (in a group, where only the case's owner
/// can answer, so the person who answered is the owner), the question, "✓" and the answer, and who answered.
/// </summary>
public static class AnsweredCardModel
{
    public static Card Build(AnsweredQuestionReply answered)
    {
        ArgumentNullException.ThrowIfNull(answered);
        var sections = new List<CardSection>();
        if (CardOwner.Banner(answered.AnsweredBy) is { } banner)
        {
            sections.Add(banner);
        }

        sections.Add(new(CardSectionKind.Question, null, [new CardLine(answered.Text)]));
        sections.Add(new(CardSectionKind.Answer, null, [new CardLine(CardWords.Answered(answered.AnswerTitle))]));
        if (!string.IsNullOrWhiteSpace(answered.AnsweredBy))
        {
            sections.Add(new(CardSectionKind.AnsweredBy, null, [new CardLine(CardWords.AnsweredBy(answered.AnsweredBy.Trim()))]));
        }

        return new Card(CardOwner.Prefix(answered.AnsweredBy) + answered.AnswerTitle, sections, []);
    }
}
