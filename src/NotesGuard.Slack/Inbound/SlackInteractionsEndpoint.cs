using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Slack.Rendering;
using NotesGuard.Slack.Work;

namespace NotesGuard.Slack.Inbound;

/// <summary>
/// POST /slack/interactions: button clicks (block_actions) on questions, the review, cards and App Home, and
/// the review modal's submission. Acknowledged at once with an empty 200 (which also closes a submitted modal);
/// the turn runs after the ack.
/// </summary>
internal sealed class SlackInteractionsEndpoint(
    SlackRequestVerifier verifier,
    SlackAdmission admission,
    SlackWorkQueue queue,
    IOptions<SlackOptions> options,
    ILogger<SlackInteractionsEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (body, refusal) = await verifier.ReadAsync(context);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body!));
        if (!form.TryGetValue("payload", out var payloadValues) || string.IsNullOrEmpty(payloadValues.ToString()))
        {
            return Results.Text("An interaction needs a payload field.", statusCode: StatusCodes.Status400BadRequest);
        }

        SlackInteraction? payload;
        try
        {
            payload = JsonSerializer.Deserialize(payloadValues.ToString(), SlackInboundJsonContext.Default.SlackInteraction);
        }
        catch (JsonException)
        {
            return Results.Text("The interaction payload is not JSON.", statusCode: StatusCodes.Status400BadRequest);
        }

        var userId = payload?.User?.Id;
        var teamId = payload?.Team?.Id ?? payload?.User?.TeamId;
        if (payload is null || userId is null || teamId is null)
        {
            return Results.Text("An interaction needs a user and a team.", statusCode: StatusCodes.Status400BadRequest);
        }

        // Clicks are acknowledged 200 whatever happens (Slack marks the button failed otherwise); a refused
        // workspace gets nothing more, a person over the limit one notice per window.
        if (!admission.TeamAllowed(teamId))
        {
            return Results.Ok();
        }

        var responseUrl = SlackResponseUrls.Accept(payload.ResponseUrl, options.Value);
        var verdict = admission.CheckPerson(teamId, userId);
        if (!verdict.Allowed)
        {
            if (verdict.TellThePerson)
            {
                var channel = payload.Container?.ChannelId ?? payload.Channel?.Id;
                queue.EnqueueBusyNotice(new BusyNoticeWork(teamId, userId, channel, payload.Container?.ThreadTs, responseUrl, SlackAdmission.TooFastText(verdict)));
            }

            return Results.Ok();
        }

        var work = payload.Type switch
        {
            "block_actions" => BlockActions(payload, teamId, userId),
            "view_submission" => ViewSubmission(payload, teamId, userId),
            _ => [],
        };

        foreach (var item in work)
        {
            if (!queue.TryEnqueue(item))
            {
                logger.LogWarning("Slack work queue full; telling the user to retry a click");
                var place = (item as TurnWork)?.Place;
                queue.EnqueueBusyNotice(new BusyNoticeWork(teamId, userId, place?.ChannelId, place?.ThreadTs, responseUrl));
                break;
            }
        }

        return Results.Ok();
    }

    private static List<SlackWork> BlockActions(SlackInteraction payload, string teamId, string userId)
    {
        var action = payload.Actions is { Count: > 0 } actions ? actions[0] : null;
        if (action?.ActionId is null)
        {
            return [];
        }

        var kind = SlackActionIds.KindOf(action.ActionId);
        // Slack gives each click its own action_ts (to the microsecond; trigger_id when there is none), and the id is
        // kept per conversation, so it needs no user id: delivery ids are stored unowned, where "forget me" cannot
        // reach them, and must not name the person.
        // Neither (never seen from Slack): an id of its own, so such clicks are not all taken for one duplicate.
        var turnId = $"action:{action.ActionTs ?? payload.TriggerId ?? Guid.NewGuid().ToString("N")}";
        if (payload.View is { } view && payload.Container?.Type == "view")
        {
            if (kind == SlackActionIds.HomeNewCase)
            {
                return [new StartCaseWork(teamId, userId, turnId, "new", ChannelId: null, ResponseUrl: null)];
            }

            var metadata = ReviewModalRenderer.ReadMetadata(view.PrivateMetadata);
            if (kind == SlackActionIds.EngineButton && metadata is not null && action.Value is not null && view.Id is not null)
            {
                // A "change" in the review modal: the question is asked again in the conversation.
                var place = new SlackPlace(teamId, metadata.ChannelId, metadata.ThreadTs);
                return [new ModalChangeWork(teamId, userId, view.Id), new TurnWork(place, userId, turnId, ActionValue: action.Value, DisplayName: payload.User?.Name)];
            }

            return [];
        }

        var channelId = payload.Container?.ChannelId ?? payload.Channel?.Id;
        var messageTs = payload.Container?.MessageTs ?? payload.Message?.Ts;
        if (channelId is null || messageTs is null || action.Value is null)
        {
            return [];
        }

        var threadTs = payload.Container?.ThreadTs ?? payload.Message?.ThreadTs;
        var where = SlackPlace.OfMessage(teamId, channelId, messageTs, threadTs);
        return kind switch
        {
            SlackActionIds.EngineButton =>
            [
                new TurnWork(
                    where,
                    userId,
                    turnId,
                    ActionValue: action.Value,
                    ClickedMessageTs: payload.Container?.IsEphemeral == true ? null : messageTs,
                    TriggerId: payload.TriggerId,
                    DisplayName: payload.User?.Name),
            ],
            SlackActionIds.Why => [new WhyWork(where, userId, action.Value)],
            _ => [],
        };
    }

    private static List<SlackWork> ViewSubmission(SlackInteraction payload, string teamId, string userId)
    {
        if (payload.View?.CallbackId != SlackActionIds.ReviewCallback || ReviewModalRenderer.ReadMetadata(payload.View.PrivateMetadata) is not { } metadata)
        {
            return [];
        }

        var place = new SlackPlace(teamId, metadata.ChannelId, metadata.ThreadTs);
        var turnId = $"view:{payload.View.Id}:{payload.View.Hash}";
        return [new TurnWork(place, userId, turnId, ActionValue: metadata.ConfirmValue, DisplayName: payload.User?.Name)];
    }
}
