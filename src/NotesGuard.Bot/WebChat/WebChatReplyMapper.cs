using System.Text.Json;
using NotesGuard.Conversations.Cards;
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
            Card = Map(QuestionCardModel.Build(question)),
            Buttons = Buttons(question.Choices),
            Navigation = Buttons(question.Navigation),
        },
        AnsweredQuestionReply answered => new WebChatReply("answered")
        {
            Text = answered.Text,
            AnswerTitle = answered.AnswerTitle,
            OwnerName = answered.AnsweredBy,
            Card = Map(AnsweredCardModel.Build(answered)),
        },
        ReviewReply review => new WebChatReply("review")
        {
            OwnerName = review.OwnerName,
            Card = Map(ReviewCardModel.Build(review)),
            Items = review.Items.Select(i => new WebChatReviewItem(i.QuestionText, i.AnswerTitle, Button(i.Change))).ToList(),
            Buttons = [Button(review.Confirm)],
            Navigation = Buttons(review.Navigation),
        },
        GuidanceCardReply card => Guidance(card),
        DocumentsReply documents => new WebChatReply("documents")
        {
            Card = Map(DocumentsCardModel.Build(documents)),
            Documents = [.. documents.Documents.Select(d => new Letters.LetterOffer(d.Kind, d.Title, d.DocxUrl, d.TextUrl))],
        },
        _ => new WebChatReply("unknown"),
    };

    /// <summary>The card model, translated field by field: the page decides nothing about what the card says.</summary>
    private static WebChatReply Guidance(GuidanceCardReply reply)
    {
        var card = GuidanceCardModel.Build(reply);
        return new WebChatReply("guidance")
        {
            Outcome = reply.Advice.Outcome,
            OwnerName = reply.OwnerName,
            Card = Map(card),
            Buttons = Buttons(card.Actions),
        };
    }

    private static WebChatCard Map(Card card) => new(card.Summary, [.. card.Sections.Select(Section)]);

    private static WebChatCardSection Section(CardSection section) => new(
        JsonNamingPolicy.CamelCase.ConvertName(section.Kind.ToString()),
        section.Label,
        section.Tone.ToString().ToLowerInvariant(),
        [.. section.Lines.Select(l => new WebChatCardLine(l.Text, l.Number, l.Term, l.Url, l.IsPhone, l.Detail, l.Button is null ? null : Button(l.Button)))]);

    private static List<WebChatButton> Buttons(IEnumerable<ReplyButton> buttons) => buttons.Select(Button).ToList();

    private static WebChatButton Button(ReplyButton button) =>
        new(button.Title, button.Value, button.Style.ToString().ToLowerInvariant());
}
