using NotesGuard.Conversations.Replies;

namespace NotesGuard.Bot.WebChat;

/// <summary>Channel-neutral replies → what the browser draws. Strings stay plain text; the page sets textContent.</summary>
internal static class WebChatReplyMapper
{
    public static WebChatReply Map(Reply reply) => reply switch
    {
        TextReply text => new WebChatReply("text")
        {
            Kind = text.Kind.ToString().ToLowerInvariant(),
            Title = text.Title,
            Text = text.Text,
            Buttons = Buttons(text.Buttons),
        },
        QuestionReply question => new WebChatReply("question")
        {
            Text = question.Text,
            Why = question.Why,
            Progress = question.ProgressText,
            Notice = question.Notice,
            OwnerName = question.OwnerName,
            Buttons = Buttons(question.Choices),
            Navigation = Buttons(question.Navigation),
        },
        AnsweredQuestionReply answered => new WebChatReply("answered")
        {
            Text = answered.Text,
            AnswerTitle = answered.AnswerTitle,
            OwnerName = answered.AnsweredBy,
        },
        ReviewReply review => new WebChatReply("review")
        {
            OwnerName = review.OwnerName,
            Items = review.Items.Select(i => new WebChatReviewItem(i.QuestionText, i.AnswerTitle, Button(i.Change))).ToList(),
            Buttons = [Button(review.Confirm)],
            Navigation = Buttons(review.Navigation),
        },
        GuidanceCardReply card => new WebChatReply("guidance")
        {
            Advice = card.Advice,
            OwnerName = card.OwnerName,
            PracticeName = card.PracticeName,
            SupervisorContact = card.SupervisorContact,
            Buttons = Buttons(card.Actions),
        },
        _ => new WebChatReply("unknown"),
    };

    private static List<WebChatButton> Buttons(IEnumerable<ReplyButton> buttons) => buttons.Select(Button).ToList();

    private static WebChatButton Button(ReplyButton button) =>
        new(button.Title, button.Value, button.Style.ToString().ToLowerInvariant());
}
