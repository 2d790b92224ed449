using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Practice;
using NotesGuard.Slack.Home;
using NotesGuard.Slack.Install;
using NotesGuard.Slack.Rendering;
using NotesGuard.Slack.WebApi;

namespace NotesGuard.Slack.Work;

/// <summary>Does one queued piece of Slack work: runs the turn through the engine and delivers its replies.</summary>
public sealed partial class SlackWorkRunner(
    ITurnHandler engine,
    SlackTokenSource tokens,
    SlackWebApiClient api,
    SlackReplySender sender,
    AppHomeRenderer appHome,
    AppHomeContentSource appHomeContent,
    ReviewModalRenderer modal,
    BlockKitRenderer renderer,
    SlackInstallStore installs,
    ILogger<SlackWorkRunner> logger,
    PracticeChannelDirectory? channels = null)
{
    public const string ChannelId = "slack";

    public async Task RunAsync(SlackWork work, CancellationToken cancellationToken)
    {
        if (work is UninstallWork uninstall)
        {
            await installs.DeleteAsync(uninstall.TeamId, cancellationToken);
            logger.LogInformation("NotesGuard was uninstalled from Slack team {TeamId}; its stored token is deleted", uninstall.TeamId);
            return;
        }

        if (work is ChannelMembershipWork membership)
        {
            await FollowMembershipAsync(membership.TeamId, membership.ChannelId, membership.Joined, cancellationToken);
            return;
        }

        var token = await tokens.GetBotTokenAsync(work.TeamId, cancellationToken);
        if (token is null)
        {
            if (work is BusyNoticeWork { ResponseUrl: not null } notice)
            {
                await api.PostToResponseUrlAsync(notice.ResponseUrl, NoticeBody(notice), cancellationToken);
            }

            return;
        }

        switch (work)
        {
            case TurnWork turn:
                await RunTurnAsync(token, turn, cancellationToken);
                break;
            case WhyWork why:
                await sender.SendPrivatelyAsync(new SlackDelivery(token, why.Place, why.UserId), [renderer.RenderWhy(why.WhyText)], cancellationToken);
                break;
            case AppHomeWork home:
                await api.PublishViewAsync(token, home.UserId, appHome.Render(appHomeContent.Get()), cancellationToken);
                break;
            case StartCaseWork start:
                await StartCaseAsync(token, start, cancellationToken);
                break;
            case CommandTurnWork command:
                var delivery = new SlackDelivery(token, command.Place, command.UserId, ResponseUrl: command.ResponseUrl, PrivateOnly: true);
                await RunAndDeliverAsync(new Turn(ChannelId, command.Place.ConversationId, SlackPlace.UserKey(command.TeamId, command.UserId), command.TurnId, command.Place.Scope, Mrkdwn.Unescape(command.Text)) { PrincipalId = SlackPlace.PrincipalOf(command.TeamId, command.UserId), RepliesCanBePrivate = true }, delivery, cancellationToken);
                break;
            case ModalChangeWork change:
                await api.UpdateViewAsync(token, change.ViewId, modal.RenderChanging(), cancellationToken);
                break;
            case BusyNoticeWork notice:
                await TellBusyAsync(token, notice, cancellationToken);
                break;
            default:
                logger.LogWarning("Unknown Slack work {Kind}", work.GetType().Name);
                break;
        }
    }

    /// <summary>
    /// Where NotesGuard is, for practice posts; a mention in a channel proves it is there (installs older than this list).
    /// Ids only: the channel's name is asked when a pick list needs it and kept in memory (SlackPracticeChannel.NameAsync).
    /// </summary>
    private Task FollowMembershipAsync(string teamId, string channelId, bool joined, CancellationToken cancellationToken)
    {
        var target = new PracticeTarget(PracticeTarget.Slack, channelId, teamId);
        return channels is null ? Task.CompletedTask
            : joined ? channels.AddAsync(target, cancellationToken)
            : channels.RemoveAsync(target, cancellationToken);
    }

    private async Task RunTurnAsync(string token, TurnWork work, CancellationToken cancellationToken)
    {
        if (work.Place.Scope == ConversationScope.Group && work.Place.ChannelId[0] is 'C' or 'G' && !work.TurnId.StartsWith("action:", StringComparison.Ordinal))
        {
            await FollowMembershipAsync(work.TeamId, work.Place.ChannelId, joined: true, cancellationToken);
        }

        var turn = new Turn(
            ChannelId,
            work.Place.ConversationId,
            SlackPlace.UserKey(work.TeamId, work.UserId),
            work.TurnId,
            work.Place.Scope,
            Mrkdwn.Unescape(work.Text),
            work.ActionValue,
            work.DisplayName)
        {
            PrincipalId = SlackPlace.PrincipalOf(work.TeamId, work.UserId),
            RepliesCanBePrivate = true,
        };
        await RunAndDeliverAsync(turn, new SlackDelivery(token, work.Place, work.UserId, work.ClickedMessageTs, work.TriggerId), cancellationToken);
    }

    private async Task RunAndDeliverAsync(Turn turn, SlackDelivery delivery, CancellationToken cancellationToken)
    {
        var result = await engine.HandleAsync(turn, cancellationToken);
        if (result.WasDuplicate)
        {
            // Not the delivery id: ids are not needed to follow a log, and the log never carries what came from Slack.
            logger.LogInformation("A Slack delivery was already answered; not answering again");
            return;
        }

        await sender.DeliverAsync(delivery, result.Replies, cancellationToken);
    }

    /// <summary>
    /// A case started by command or App Home: in a channel it gets a thread of its own, opened by a short
    /// message naming who started it; where the bot cannot post (not invited) it continues in the user's DM.
    /// </summary>
    private async Task StartCaseAsync(string token, StartCaseWork work, CancellationToken cancellationToken)
    {
        SlackPlace? place = null;
        if (work.ChannelId is not null && !work.ChannelId.StartsWith('D'))
        {
            var starter = IsSlackId(work.UserId) ? $"<@{work.UserId}> started a NotesGuard case." : "A NotesGuard case was started.";
            var root = await api.PostMessageAsync(token, new JsonObject
            {
                ["channel"] = work.ChannelId,
                ["text"] = $"{starter} The questions follow in this thread.",
            }, cancellationToken);
            if (root.Ok && root.Ts is not null)
            {
                place = new SlackPlace(work.TeamId, work.ChannelId, root.Ts);
            }
            else if (work.ResponseUrl is not null)
            {
                await api.PostToResponseUrlAsync(work.ResponseUrl, EphemeralBody(
                    "I can't post in this channel (invite me with /invite), so the case continues in a direct message with me."), cancellationToken);
            }
        }

        if (place is null)
        {
            var dm = await api.OpenDirectMessageAsync(token, work.UserId, cancellationToken);
            if (!dm.Ok || dm.Channel is null)
            {
                if (work.ResponseUrl is not null)
                {
                    await api.PostToResponseUrlAsync(work.ResponseUrl, EphemeralBody("Sorry, I could not start the case. Please try again."), cancellationToken);
                }

                return;
            }

            place = new SlackPlace(work.TeamId, dm.Channel, null);
        }

        var turn = new Turn(ChannelId, place.ConversationId, SlackPlace.UserKey(work.TeamId, work.UserId), work.TurnId, place.Scope, work.CommandText);
        await RunAndDeliverAsync(turn, new SlackDelivery(token, place, work.UserId), cancellationToken);
    }

    private async Task TellBusyAsync(string token, BusyNoticeWork notice, CancellationToken cancellationToken)
    {
        if (notice.ResponseUrl is not null)
        {
            await api.PostToResponseUrlAsync(notice.ResponseUrl, NoticeBody(notice), cancellationToken);
        }
        else if (notice.ChannelId is not null)
        {
            var body = NoticeBody(notice);
            body["channel"] = notice.ChannelId;
            body["user"] = notice.UserId;
            if (notice.ThreadTs is not null)
            {
                body["thread_ts"] = notice.ThreadTs;
            }

            await api.PostEphemeralAsync(token, body, cancellationToken);
        }
    }

    public const string BusyText = "NotesGuard is busy right now and could not take that in. Please try again in a minute.";

    private static JsonObject NoticeBody(BusyNoticeWork notice) => EphemeralBody(notice.Text ?? BusyText);

    internal static JsonObject EphemeralBody(string text) => new()
    {
        ["response_type"] = "ephemeral",
        ["text"] = text,
    };

    /// <summary>Slack user ids are upper-case letters and digits; anything else is never put inside &lt;@…&gt;.</summary>
    internal static bool IsSlackId(string value) => SlackIdPattern().IsMatch(value);

    [GeneratedRegex("^[UW][A-Z0-9]{2,30}$")]
    private static partial Regex SlackIdPattern();
}
