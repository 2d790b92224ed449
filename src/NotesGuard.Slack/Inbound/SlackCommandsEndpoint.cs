using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Practice;
using NotesGuard.Slack.Work;

namespace NotesGuard.Slack.Inbound;

/// <summary>
/// POST /slack/commands: <c>/notesguard [help|new|restart|forget-me]</c>. Answers at once with an ephemeral
/// message; the walkthrough itself continues in a thread of the channel (or the user's DM), and private
/// results come back through the command's response_url.
/// </summary>
internal sealed class SlackCommandsEndpoint(
    SlackRequestVerifier verifier,
    SlackAdmission admission,
    SlackWorkQueue queue,
    IOptions<SlackOptions> options,
    ILogger<SlackCommandsEndpoint> logger)
{
    internal const string Usage =
        "*NotesGuard* walks you through a request for a client's notes and ends with guidance.\n" +
        "• `/notesguard new` start a new case (in a thread here, or in a direct message)\n" +
        "• `/notesguard restart` start your case again from the first question\n" +
        "• `/notesguard forget-me` delete everything NotesGuard holds about you\n" +
        "• `/notesguard guidance` show \"If you are asked for a client's notes\"\n" +
        "• `/notesguard post` (practice admins) post guidance to the channels NotesGuard is in; `/notesguard post card: TEXT` post a card of your own; `/notesguard audit` list what was posted\n" +
        "• `/notesguard help` show this\n" +
        "You can also message NotesGuard directly, or mention it in a channel.";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (body, refusal) = await verifier.ReadAsync(context);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body!));
        string? Field(string name) => form.TryGetValue(name, out var value) && value.Count > 0 && !string.IsNullOrEmpty(value[0]) ? value[0] : null;

        var teamId = Field("team_id");
        var userId = Field("user_id");
        var channelId = Field("channel_id");
        if (teamId is null || userId is null || channelId is null)
        {
            return Results.Text("A slash command needs team_id, user_id and channel_id.", statusCode: StatusCodes.Status400BadRequest);
        }

        // A slash command must be answered 200 for its text to show; Slack shows any other status as a bare
        // failure. So refusals are said in the ephemeral reply itself.
        if (!admission.TeamAllowed(teamId))
        {
            return Ephemeral(SlackAdmission.RefusedTeamText);
        }

        var verdict = admission.CheckPerson(teamId, userId);
        if (!verdict.Allowed)
        {
            context.Response.Headers.RetryAfter = verdict.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Ephemeral(SlackAdmission.TooFastText(verdict));
        }

        var responseUrl = SlackResponseUrls.Accept(Field("response_url"), options.Value);
        var turnId = "command:" + (Field("trigger_id") ?? Guid.NewGuid().ToString("N"));
        var subcommand = (Field("text") ?? "").Trim().ToLowerInvariant();

        SlackWork? work;
        string reply;
        switch (subcommand)
        {
            case "" or "new" or "new case" or "start":
                work = new StartCaseWork(teamId, userId, turnId, "new", channelId, responseUrl);
                reply = channelId.StartsWith('D') ? "Starting a new case…" : "Starting a new case in a thread here…";
                break;
            case "restart":
                work = new StartCaseWork(teamId, userId, turnId, "restart", channelId, responseUrl);
                reply = "Starting again from the first question…";
                break;
            case "forget-me" or "forget me" or "forgetme":
                work = new CommandTurnWork(new SlackPlace(teamId, channelId, null), userId, turnId, "forget me", responseUrl);
                reply = "Deleting what NotesGuard holds about you…";
                break;
            case "post" or "post guidance" or "guidance" or "audit":
                // Practice commands; whether this person is an admin is decided from the verified team and user.
                work = new CommandTurnWork(new SlackPlace(teamId, channelId, null), userId, turnId, subcommand, responseUrl);
                reply = "One moment…";
                break;
            case var _ when subcommand.StartsWith(PracticeTurnHandler.CustomCardCommand, StringComparison.Ordinal):
                // A practice admin's own card: its text as typed, not lower-cased.
                work = new CommandTurnWork(new SlackPlace(teamId, channelId, null), userId, turnId, (Field("text") ?? "").Trim(), responseUrl);
                reply = "One moment…";
                break;
            default:
                work = null;
                reply = Usage;
                break;
        }

        if (work is not null && !queue.TryEnqueue(work))
        {
            logger.LogWarning("Slack work queue full; told the user to retry the slash command");
            reply = SlackWorkRunner.BusyText;
        }

        return Ephemeral(reply);
    }

    private static IResult Ephemeral(string text)
    {
        var response = new JsonObject
        {
            ["response_type"] = "ephemeral",
            ["text"] = text,
        };
        return Results.Content(response.ToJsonString(), "application/json; charset=utf-8");
    }
}
