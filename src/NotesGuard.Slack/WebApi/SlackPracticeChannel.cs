using System.Text.Json;
using System.Text.Json.Nodes;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.Replies;
using NotesGuard.Slack.Install;
using NotesGuard.Slack.Rendering;

namespace NotesGuard.Slack.WebApi;

/// <summary>
/// Practice posts in Slack: chat.postMessage into a channel NotesGuard is in, with that workspace's bot token. The
/// Web API client's pacing and retries (429 Retry-After, 5xx) apply as for every reply. Shared cases also ask
/// conversations.members whether the sharer is in the channel, and are removed with chat.delete.
/// </summary>
internal sealed class SlackPracticeChannel(SlackTokenSource tokens, SlackWebApiClient api, BlockKitRenderer renderer) : IPracticeChannel, IPracticeShareChannel
{
    // A channel with more members than this is not a supervision group; the sharer is then treated as not found.
    private const int MaxMemberPages = 10;

    public string ChannelId => PracticeTarget.Slack;

    public async Task<PracticePostResult> PostAsync(PracticeTarget target, TextReply card, CancellationToken cancellationToken)
    {
        var posted = await PostAsync(target, (Reply)card, cancellationToken);
        return posted.Error is null ? PracticePostResult.Ok(target) : PracticePostResult.Failed(target, posted.Error);
    }

    public async Task<SharePost> PostAsync(PracticeTarget target, Reply card, CancellationToken cancellationToken)
    {
        if (target.TeamId is null || await tokens.GetBotTokenAsync(target.TeamId, cancellationToken) is not { } token)
        {
            return new SharePost(null, "slack_not_installed: no bot token for that workspace");
        }

        var posted = new List<string>();
        foreach (var message in renderer.Render(card))
        {
            var body = message.ToBody();
            body["channel"] = target.ConversationId;
            body["unfurl_links"] = false;
            var result = await api.PostMessageAsync(token, body, cancellationToken);
            if (!result.Ok)
            {
                return new SharePost(null, "slack_" + (result.Error ?? "error"));
            }

            posted.Add(result.Ts ?? "");
        }

        // A long card is split into several messages; deleting the share deletes them all.
        return new SharePost(string.Join(',', posted), null);
    }

    /// <summary>
    /// The channel's name from conversations.info (Slack's events do not carry it), or null: a name is a nicety, so no
    /// answer is not an error. The directory keeps it in memory only.
    /// </summary>
    public async Task<string?> NameAsync(PracticeTarget target, CancellationToken cancellationToken)
    {
        try
        {
            if (target.TeamId is null || await tokens.GetBotTokenAsync(target.TeamId, cancellationToken) is not { } token)
            {
                return null;
            }

            var result = await api.CallFormAsync("conversations.info", token, new Dictionary<string, string> { ["channel"] = target.ConversationId }, cancellationToken);
            return result.Ok && result.Body.ValueKind == JsonValueKind.Object
                && result.Body.TryGetProperty("channel", out var channel) && channel.ValueKind == JsonValueKind.Object
                && channel.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                ? name.GetString()
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public async Task<bool> IsMemberAsync(PracticeTarget target, Turn sharer, CancellationToken cancellationToken)
    {
        // slack:<team>:<user>, from a request whose signature was verified; a person shares only within their workspace.
        var parts = (sharer.PrincipalId ?? "").Split(':');
        if (parts is not [PracticeTarget.Slack, var team, var user] || team != target.TeamId
            || await tokens.GetBotTokenAsync(team, cancellationToken) is not { } token)
        {
            return false;
        }

        string? cursor = null;
        for (var page = 0; page < MaxMemberPages; page++)
        {
            var arguments = new Dictionary<string, string> { ["channel"] = target.ConversationId, ["limit"] = "200" };
            if (cursor is not null)
            {
                arguments["cursor"] = cursor;
            }

            var result = await api.CallFormAsync("conversations.members", token, arguments, cancellationToken);
            if (!result.Ok || result.Body.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (result.Body.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.Array
                && members.EnumerateArray().Any(m => m.ValueKind == JsonValueKind.String && m.GetString() == user))
            {
                return true;
            }

            cursor = result.Body.TryGetProperty("response_metadata", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty("next_cursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (string.IsNullOrEmpty(cursor))
            {
                return false;
            }
        }

        return false;
    }

    public async Task<string?> DeleteAsync(PracticeTarget target, string messageId, CancellationToken cancellationToken)
    {
        if (target.TeamId is null || await tokens.GetBotTokenAsync(target.TeamId, cancellationToken) is not { } token)
        {
            return "slack_not_installed";
        }

        foreach (var ts in messageId.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var result = await api.CallAsync("chat.delete", token, new JsonObject { ["channel"] = target.ConversationId, ["ts"] = ts }, cancellationToken);
            if (!result.Ok && result.Error != "message_not_found")
            {
                return "slack_" + (result.Error ?? "error");
            }
        }

        return null;
    }
}
