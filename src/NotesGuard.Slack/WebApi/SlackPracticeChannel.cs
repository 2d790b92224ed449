using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.Replies;
using NotesGuard.Slack.Install;
using NotesGuard.Slack.Rendering;

namespace NotesGuard.Slack.WebApi;

/// <summary>
/// Practice posts in Slack: chat.postMessage into a channel NotesGuard is in, with that workspace's bot token. The
/// Web API client's pacing and retries (429 Retry-After, 5xx) apply as for every reply.
/// </summary>
internal sealed class SlackPracticeChannel(SlackTokenSource tokens, SlackWebApiClient api, BlockKitRenderer renderer) : IPracticeChannel
{
    public string ChannelId => PracticeTarget.Slack;

    public async Task<PracticePostResult> PostAsync(PracticeTarget target, TextReply card, CancellationToken cancellationToken)
    {
        if (target.TeamId is null || await tokens.GetBotTokenAsync(target.TeamId, cancellationToken) is not { } token)
        {
            return PracticePostResult.Failed(target, "slack_not_installed: no bot token for that workspace");
        }

        foreach (var message in renderer.Render(card))
        {
            var body = message.ToBody();
            body["channel"] = target.ConversationId;
            body["unfurl_links"] = false;
            var result = await api.PostMessageAsync(token, body, cancellationToken);
            if (!result.Ok)
            {
                return PracticePostResult.Failed(target, "slack_" + (result.Error ?? "error"));
            }
        }

        return PracticePostResult.Ok(target);
    }
}
