using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Limits;
using NotesGuard.Slack.Work;

namespace NotesGuard.Slack.Inbound;

/// <summary>
/// What every verified Slack request passes before any work is queued: its workspace must be on
/// Slack:AllowedTeamIds (when the list is set), and its person (team + user, from the signed body) within the
/// per-person rate limit. Only ever asked after the signature has been checked.
/// </summary>
internal sealed class SlackAdmission(IOptions<SlackOptions> options, IPersonRateLimiter limiter, ILogger<SlackAdmission> logger)
{
    public const string RefusedTeamText = "This NotesGuard serves other workspaces only. Ask your practice for the NotesGuard that serves yours.";

    public bool TeamAllowed(string? teamId)
    {
        if (options.Value.AllowsTeam(teamId))
        {
            return true;
        }

        logger.LogWarning("Slack request refused: its workspace is not in Slack:AllowedTeamIds");
        return false;
    }

    public PersonRateVerdict CheckPerson(string teamId, string userId)
    {
        var verdict = limiter.Check(SlackWorkRunner.ChannelId, SlackPlace.UserKey(teamId, userId));
        if (!verdict.Allowed && verdict.TellThePerson)
        {
            logger.LogInformation("A Slack user is over the per-person rate limit for {Seconds} s", verdict.RetryAfterSeconds);
        }

        return verdict;
    }

    public static string TooFastText(PersonRateVerdict verdict) =>
        $"You are going faster than NotesGuard can follow. Please wait {verdict.RetryAfterSeconds} seconds, then try again.";
}
