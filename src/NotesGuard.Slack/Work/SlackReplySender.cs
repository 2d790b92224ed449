using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NotesGuard.Conversations.Replies;
using NotesGuard.Slack.Rendering;
using NotesGuard.Slack.WebApi;

namespace NotesGuard.Slack.Work;

/// <summary>
/// Sends a turn's replies with the Web API: answered questions replace the clicked message (chat.update),
/// replies only for the user go ephemeral, the review also opens as a modal when a click gave a trigger,
/// and everything else is posted in the DM or the case's thread.
/// </summary>
public sealed class SlackReplySender(
    SlackWebApiClient api,
    BlockKitRenderer renderer,
    ReviewModalRenderer modal,
    ILogger<SlackReplySender> logger)
{
    public async Task DeliverAsync(SlackDelivery delivery, IReadOnlyList<Reply> replies, CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
        {
            if (delivery.PrivateOnly)
            {
                // A file cannot be shown to one person only.
                await SendPrivatelyAsync(delivery, renderer.Render(reply is FileReply ? new TextReply(UploadFailedText, TextKind.Notice) : reply), cancellationToken);
                continue;
            }

            switch (reply)
            {
                case AnsweredQuestionReply { ReplacesClickedMessage: true } answered when delivery.ClickedMessageTs is not null:
                    await UpdateClickedAsync(delivery, renderer.RenderAnswered(answered), cancellationToken);
                    break;
                case FileReply file:
                    await UploadAsync(delivery, file, cancellationToken);
                    break;
                case ReviewReply review:
                    await OpenReviewModalAsync(delivery, review, cancellationToken);
                    await PostAsync(delivery, renderer.Render(review), cancellationToken);
                    break;
                case { OnlyForUser: true }:
                    await SendPrivatelyAsync(delivery, renderer.Render(reply), cancellationToken);
                    break;
                default:
                    await PostAsync(delivery, renderer.Render(reply), cancellationToken);
                    break;
            }
        }
    }

    /// <summary>The file into the conversation; when Slack refuses (an install from before files:write), the person is told to use the link.</summary>
    private async Task UploadAsync(SlackDelivery delivery, FileReply file, CancellationToken cancellationToken)
    {
        var result = await api.UploadFileAsync(delivery.Token, delivery.Place.ChannelId, delivery.Place.ThreadTs, file.FileName, file.Title, file.Content, cancellationToken);
        if (!result.Ok)
        {
            await SendPrivatelyAsync(delivery, renderer.Render(new TextReply(UploadFailedText, TextKind.Notice)), cancellationToken);
        }
    }

    public const string UploadFailedText = "The file could not be sent here. Use the Word document link instead.";

    public async Task PostAsync(SlackDelivery delivery, IReadOnlyList<SlackMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            var body = message.ToBody();
            body["channel"] = delivery.Place.ChannelId;
            if (delivery.Place.ThreadTs is not null)
            {
                body["thread_ts"] = delivery.Place.ThreadTs;
            }

            body["unfurl_links"] = false;
            var result = await api.PostMessageAsync(delivery.Token, body, cancellationToken);
            if (!result.Ok)
            {
                // The rest of a split card would read wrongly without its start.
                return;
            }
        }
    }

    public async Task SendPrivatelyAsync(SlackDelivery delivery, IReadOnlyList<SlackMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            var body = message.ToBody();
            SlackApiResult result;
            if (delivery.ResponseUrl is not null)
            {
                body["response_type"] = "ephemeral";
                result = await api.PostToResponseUrlAsync(delivery.ResponseUrl, body, cancellationToken);
            }
            else
            {
                body["channel"] = delivery.Place.ChannelId;
                body["user"] = delivery.SlackUserId;
                if (delivery.Place.ThreadTs is not null)
                {
                    body["thread_ts"] = delivery.Place.ThreadTs;
                }

                result = await api.PostEphemeralAsync(delivery.Token, body, cancellationToken);
            }

            if (!result.Ok)
            {
                return;
            }
        }
    }

    private async Task UpdateClickedAsync(SlackDelivery delivery, SlackMessage answered, CancellationToken cancellationToken)
    {
        var body = answered.ToBody();
        body["channel"] = delivery.Place.ChannelId;
        body["ts"] = delivery.ClickedMessageTs;
        var result = await api.UpdateAsync(delivery.Token, body, cancellationToken);
        if (!result.Ok)
        {
            logger.LogInformation("Could not replace the answered question ({Error}); posting the answer instead", result.Error);
            await PostAsync(delivery, [answered], cancellationToken);
        }
    }

    private async Task OpenReviewModalAsync(SlackDelivery delivery, ReviewReply review, CancellationToken cancellationToken)
    {
        if (delivery.TriggerId is null)
        {
            return;
        }

        var metadata = new ReviewModalMetadata(delivery.Place.TeamId, delivery.Place.ChannelId, delivery.Place.ThreadTs, review.Confirm.Value);
        JsonObject view = modal.Render(review, metadata);
        // Triggers expire after 3 s; if this one has, the review message posted next still works.
        await api.OpenViewAsync(delivery.Token, delivery.TriggerId, view, cancellationToken);
    }
}
