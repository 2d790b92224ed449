using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NotesGuard.Slack.Work;

namespace NotesGuard.Slack.Inbound;

/// <summary>
/// POST /slack/events. Verified first; then url_verification is answered, and the events NotesGuard handles
/// (app_mention in channels, message in DMs, app_home_opened) are queued and acknowledged at once. Messages
/// from bots, including NotesGuard itself, and edits or other subtypes are ignored. Slack's retries carry the
/// same event_id, which is the turn id the engine dedupes on.
/// </summary>
internal sealed partial class SlackEventsEndpoint(SlackRequestVerifier verifier, SlackAdmission admission, SlackWorkQueue queue, ILogger<SlackEventsEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (body, refusal) = await verifier.ReadAsync(context);
        if (refusal is not null)
        {
            return refusal;
        }

        SlackEventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, SlackInboundJsonContext.Default.SlackEventEnvelope);
        }
        catch (JsonException)
        {
            return Results.Text("The body is not a Slack Events API JSON document.", statusCode: StatusCodes.Status400BadRequest);
        }

        switch (envelope?.Type)
        {
            case "url_verification" when !string.IsNullOrEmpty(envelope.Challenge):
                return Results.Text(envelope.Challenge, "text/plain");
            case "event_callback" when envelope.Event is not null:
                // A refused workspace is still acknowledged with 200: any other answer makes Slack retry the event
                // three times, and Slack switches off an app's events when most deliveries fail.
                if (admission.TeamAllowed(envelope.TeamId)
                    && !Accept(envelope, envelope.Event, context.Request.Headers["X-Slack-Retry-Num"].ToString()))
                {
                    // A workspace event (an uninstall, a channel joined or left) that could not be queued tells
                    // nobody: Slack is asked to deliver it again later rather than have it dropped.
                    context.Response.Headers.RetryAfter = "30";
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }

                return Results.Ok();
            default:
                return Results.Ok();
        }
    }

    /// <summary>Queues the event's work; false only for a workspace event that could not be queued (Slack retries it).</summary>
    private bool Accept(SlackEventEnvelope envelope, SlackEvent ev, string retryNumber)
    {
        var teamId = envelope.TeamId ?? "";
        var work = ToWork(envelope, ev, teamId);
        if (work is null)
        {
            return true;
        }

        if (!work.ForWholeWorkspace)
        {
            // Over the limit the event is still acknowledged (a 429 would only make Slack deliver it again
            // minutes later); the person is told once per window, in the place they wrote.
            var verdict = admission.CheckPerson(teamId, work.UserId);
            if (!verdict.Allowed)
            {
                if (verdict.TellThePerson && work is TurnWork limited)
                {
                    queue.EnqueueBusyNotice(new BusyNoticeWork(teamId, limited.UserId, limited.Place.ChannelId, limited.Place.ThreadTs, null, SlackAdmission.TooFastText(verdict)));
                }

                return true;
            }
        }

        if (retryNumber.Length > 0)
        {
            logger.LogInformation("Slack retry {Retry} of event {EventId}", retryNumber, envelope.EventId);
        }

        if (queue.TryEnqueue(work))
        {
            return true;
        }

        if (work.ForWholeWorkspace)
        {
            logger.LogWarning("Slack work queue full; refused workspace event {EventId} for Slack to deliver again (it retries up to three times)", envelope.EventId);
            return false;
        }

        logger.LogWarning("Slack work queue full; telling the user to retry event {EventId}", envelope.EventId);
        if (work is TurnWork turn)
        {
            queue.EnqueueBusyNotice(new BusyNoticeWork(teamId, turn.UserId, turn.Place.ChannelId, turn.Place.ThreadTs, null));
        }

        return true;
    }

    private static SlackWork? ToWork(SlackEventEnvelope envelope, SlackEvent ev, string teamId)
    {
        if (ev.Type is "app_uninstalled" or "tokens_revoked")
        {
            return new UninstallWork(teamId);
        }

        var isBotUser = envelope.Authorizations?.Any(a => a is { IsBot: true } && a.UserId == ev.User) == true;
        if (ev.Type is "member_joined_channel" && isBotUser && ev.Channel is not null)
        {
            return new ChannelMembershipWork(teamId, ev.Channel, Joined: true);
        }

        if (ev.Type is "channel_left" or "group_left" && ev.Channel is not null)
        {
            return new ChannelMembershipWork(teamId, ev.Channel, Joined: false);
        }

        // Bots (NotesGuard included) never start turns; neither do events without a person or an id to dedupe on.
        if (ev.BotId is not null || ev.User is null || string.IsNullOrEmpty(envelope.EventId))
        {
            return null;
        }

        var isOwnUser = envelope.Authorizations?.Any(a => a is { IsBot: true } && a.UserId == ev.User) == true;
        switch (ev.Type)
        {
            case "app_mention" when ev.Subtype is null && !isOwnUser && ev.Channel is not null && ev.Ts is not null:
                return new TurnWork(
                    SlackPlace.OfMessage(teamId, ev.Channel, ev.Ts, ev.ThreadTs),
                    ev.User,
                    envelope.EventId,
                    Text: StripMentions(ev.Text, envelope.Authorizations),
                    DisplayName: ev.UserProfile?.BestName);
            case "message" when ev.ChannelType == "im" && ev.Subtype is null && !isOwnUser && ev.Channel is not null && ev.Ts is not null:
                return new TurnWork(new SlackPlace(teamId, ev.Channel, null), ev.User, envelope.EventId, Text: StripMentions(ev.Text, envelope.Authorizations));
            case "app_home_opened" when ev.Tab == "home":
                return new AppHomeWork(teamId, ev.User);
            default:
                return null;
        }
    }

    /// <summary>Removes the bot's own mention ("&lt;@U0BOT&gt; help" → "help"); other mentions stay as they are.</summary>
    internal static string StripMentions(string? text, IReadOnlyList<SlackAuthorization>? authorizations)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        // A JSON array may hold nulls whatever the declared element type says.
        var botIds = authorizations?.Where(a => a is { IsBot: true, UserId: not null }).Select(a => a!.UserId!).ToHashSet() ?? [];
        var stripped = MentionPattern().Replace(text, match =>
            botIds.Count == 0 ? (match.Index == 0 ? "" : match.Value) : (botIds.Contains(match.Groups["id"].Value) ? "" : match.Value));
        return stripped.Trim();
    }

    [GeneratedRegex(@"<@(?<id>[UW][A-Z0-9]+)(\|[^>]*)?>\s*")]
    private static partial Regex MentionPattern();
}
