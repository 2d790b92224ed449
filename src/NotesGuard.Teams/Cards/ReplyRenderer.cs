using System.Text.Json;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// Channel-neutral replies → Teams message activities. Anything with buttons or structure becomes an Adaptive
/// Card 1.5; plain text stays a plain-text message. A card activity carries its text fallback as the
/// activity's <c>summary</c> (what notifications and screen readers announce) and the card's full
/// <c>fallbackText</c>, not as <c>text</c>: clients show an activity's text and each attachment as separate
/// messages (the Agents Playground then answers 202 with no id, so the card could never be updated).
/// </summary>
internal sealed class ReplyRenderer(QuestionCard questions, ReviewCard reviews, GuidanceCard guidance, MessageCard messages, DocumentsCard documents)
{
    public Activity Render(Reply reply)
    {
        // Each card model is built once, for both the card and the activity's summary.
        switch (reply)
        {
            case QuestionReply q:
                var question = QuestionCardModel.Build(q);
                return CardActivity(questions.Render(q, question), question.Summary);
            case AnsweredQuestionReply a:
                var answered = AnsweredCardModel.Build(a);
                return CardActivity(AnsweredCard.Render(answered), answered.Summary);
            case ReviewReply r:
                var review = ReviewCardModel.Build(r);
                return CardActivity(reviews.Render(review), review.Summary);
            case GuidanceCardReply g:
                var card = GuidanceCardModel.Build(g);
                return CardActivity(guidance.Render(card), card.Summary);
            case DocumentsReply d:
                var documentsCard = DocumentsCardModel.Build(d);
                return CardActivity(documents.Render(documentsCard), documentsCard.Summary);
            case TextReply t when t.Buttons.Count > 0 || t.Kind is TextKind.Welcome or TextKind.Help:
                return CardActivity(messages.Render(t), t.Title ?? FirstLine(t.Text));
            case TextReply t:
                return new Activity { Type = "message", Text = t.Text, TextFormat = "plain" };
            default:
                return new Activity { Type = "message", Text = "", TextFormat = "plain" };
        }
    }

    /// <summary>Teams refuses messages over about 28 KB; leave room for the activity around the card.</summary>
    public const int MaxCardBytes = 26 * 1024;

    private static Activity CardActivity(RawJson card, string summary)
    {
        // Only a practice's own, much longer rulebook could get here: better the whole text than nothing.
        if (card.Length > MaxCardBytes)
        {
            var text = FallbackText(card) ?? summary;
            return new Activity { Type = "message", Text = text.Length > 12_000 ? text[..12_000] + " …" : text, TextFormat = "plain" };
        }

        return new Activity
        {
            Type = "message",
            Summary = summary,
            Attachments = [new Attachment { ContentType = AdaptiveElements.ContentType, Content = card }],
        };
    }

    private static string? FallbackText(RawJson card)
    {
        using var document = JsonDocument.Parse(card.Utf8.ToArray());
        return document.RootElement.TryGetProperty("fallbackText", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\n', '.']);
        return end > 0 ? text[..end] : text;
    }
}
