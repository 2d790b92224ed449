using System.Text.Json;
using System.Text.Json.Nodes;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Replies;
using NotesGuard.Slack.Inbound;

namespace NotesGuard.Slack.Rendering;

/// <summary>
/// The review before the card as a modal (views.open): each answer with a Change button, and "show guidance" as
/// the submit button. Changing an answer continues in the conversation, where the question is asked again.
/// </summary>
public sealed class ReviewModalRenderer
{
    public JsonObject Render(ReviewReply review, ReviewModalMetadata metadata)
    {
        var ids = new BlockKitRenderer.IdCounter();
        var blocks = new List<JsonObject>();
        blocks.AddRange(Blocks.Sections(Mrkdwn.Escape("These are your answers. Change any that are wrong, or show the guidance.")));
        var answers = ReviewCardModel.Build(review).Section(CardSectionKind.Answers)?.Lines ?? [];
        foreach (var line in answers.Take(BlockKitLimits.ViewBlocks - 2))
        {
            blocks.Add(Blocks.SectionWithButton(BlockKitRenderer.AnswerText(line), BlockKitRenderer.EngineButton(line.Button!, ids)));
        }

        var number = 0;
        foreach (var block in blocks)
        {
            block["block_id"] = $"ng-b{++number}";
        }

        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = SlackActionIds.ReviewCallback,
            ["title"] = Blocks.PlainText(CardWords.CheckYourAnswers, BlockKitLimits.ModalTitle),
            ["submit"] = Blocks.PlainText(review.Confirm.Title, BlockKitLimits.ModalTitle),
            ["close"] = Blocks.PlainText("Cancel", BlockKitLimits.ModalTitle),
            ["private_metadata"] = JsonSerializer.Serialize(metadata, SlackInboundJsonContext.Default.ReviewModalMetadata),
            ["blocks"] = new JsonArray([.. blocks]),
        };
    }

    /// <summary>Shown in place of the review once an answer is being changed in the conversation.</summary>
    public JsonObject RenderChanging()
    {
        var blocks = Blocks.Sections(Mrkdwn.Escape(
            "The question is waiting for you in the conversation. Answer it there; you will see the review again before the guidance.")).ToList();
        for (var i = 0; i < blocks.Count; i++)
        {
            blocks[i]["block_id"] = $"ng-b{i + 1}";
        }

        return new JsonObject
        {
            ["type"] = "modal",
            ["title"] = Blocks.PlainText("Change an answer", BlockKitLimits.ModalTitle),
            ["close"] = Blocks.PlainText("Close", BlockKitLimits.ModalTitle),
            ["blocks"] = new JsonArray([.. blocks]),
        };
    }

    public static ReviewModalMetadata? ReadMetadata(string? privateMetadata)
    {
        if (string.IsNullOrEmpty(privateMetadata))
        {
            return null;
        }

        try
        {
            // JSON null or a missing field deserialises to null despite the record's types; such metadata is not ours.
            var metadata = JsonSerializer.Deserialize(privateMetadata, SlackInboundJsonContext.Default.ReviewModalMetadata);
            return metadata is { TeamId.Length: > 0, ChannelId.Length: > 0, ConfirmValue.Length: > 0 } ? metadata : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
