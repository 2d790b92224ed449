using NotesGuard.Conversations.Replies;

namespace NotesGuard.Conversations.Cards;

/// <summary>
/// Decides what the review before the guidance says: whose case, "Check your answers", each question with its
/// answer and a Change button, then the confirm button and Back/Restart.
/// </summary>
public static class ReviewCardModel
{
    public static Card Build(ReviewReply review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var sections = new List<CardSection>();
        if (CardOwner.Banner(review.OwnerName) is { } banner)
        {
            sections.Add(banner);
        }

        sections.Add(new(CardSectionKind.Heading, null, [new CardLine(CardWords.CheckYourAnswers)]));
        sections.Add(new(CardSectionKind.Answers, null, [.. review.Items.Select(i => new CardLine(i.QuestionText) { Detail = i.AnswerTitle, Button = i.Change })]));
        return new Card(CardOwner.Prefix(review.OwnerName) + CardWords.CheckYourAnswers, sections, [review.Confirm, .. review.Navigation]);
    }
}
