using System.Text.Json.Nodes;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Teams.Cards;

/// <summary>The answers before the guidance, each with a Change button, then "see the guidance".</summary>
internal sealed class ReviewCard(CardButtons buttons)
{
    public const string Heading = CardWords.CheckYourAnswers;

    public JsonObject Render(ReviewReply review)
    {
        var body = new JsonArray();
        CaseBanner.AddTo(body, review.OwnerName);
        body.Add(AdaptiveElements.TextBlock(Heading, size: "Large", weight: "Bolder"));
        foreach (var item in review.Items)
        {
            body.Add(AdaptiveElements.ColumnSet(
                AdaptiveElements.Column("stretch", [
                    AdaptiveElements.TextBlock(item.QuestionText, size: "Small", subtle: true),
                    AdaptiveElements.TextBlock(item.AnswerTitle, weight: "Bolder", spacing: "None"),
                ]),
                AdaptiveElements.Column("auto", [AdaptiveElements.ActionSet([buttons.Action(item.Change)])], verticalContentAlignment: "Center")));
        }

        var actions = new JsonArray { buttons.Action(review.Confirm) };
        foreach (var navigation in review.Navigation)
        {
            actions.Add(buttons.Action(navigation));
        }

        var summary = string.Join("; ", review.Items.Select(i => $"{i.QuestionText} {i.AnswerTitle}"));
        return AdaptiveElements.Card($"{CaseBanner.Prefix(review.OwnerName)}{Heading}: {summary}", body, actions);
    }
}
