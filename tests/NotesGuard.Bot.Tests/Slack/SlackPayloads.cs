using System.Text.Json.Nodes;

namespace NotesGuard.Bot.Tests.Slack;

/// <summary>Slack's inbound payloads as Slack shapes them (only the fields NotesGuard reads, plus a few it must ignore).</summary>
public static class SlackPayloads
{
    public const string Team = "T0PRACTICE";
    public const string BotUser = "U0NOTESGUARD";

    public static JsonObject DirectMessage(string eventId, string user, string text, string channel = "D0DIRECT", string ts = "1700000001.000100") =>
        Envelope(eventId, new JsonObject
        {
            ["type"] = "message",
            ["channel_type"] = "im",
            ["channel"] = channel,
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["event_ts"] = ts,
        });

    public static JsonObject Mention(string eventId, string user, string text, string channel = "C0SUPERVISION", string ts = "1700000100.000200", string? threadTs = null)
    {
        var ev = new JsonObject
        {
            ["type"] = "app_mention",
            ["channel"] = channel,
            ["user"] = user,
            ["text"] = $"<@{BotUser}> {text}",
            ["ts"] = ts,
            ["event_ts"] = ts,
        };
        if (threadTs is not null)
        {
            ev["thread_ts"] = threadTs;
        }

        return Envelope(eventId, ev);
    }

    public static JsonObject BotMessage(string eventId, string channel = "D0DIRECT") =>
        Envelope(eventId, new JsonObject
        {
            ["type"] = "message",
            ["channel_type"] = "im",
            ["channel"] = channel,
            ["bot_id"] = "B0NOTESGUARD",
            ["user"] = BotUser,
            ["text"] = "Question 1 of about 6",
            ["ts"] = "1700000002.000100",
        });

    public static JsonObject EditedMessage(string eventId, string user, string channel = "D0DIRECT") =>
        Envelope(eventId, new JsonObject
        {
            ["type"] = "message",
            ["subtype"] = "message_changed",
            ["channel_type"] = "im",
            ["channel"] = channel,
            ["user"] = user,
            ["ts"] = "1700000003.000100",
        });

    public static JsonObject AppHomeOpened(string eventId, string user) =>
        Envelope(eventId, new JsonObject { ["type"] = "app_home_opened", ["user"] = user, ["channel"] = "D0DIRECT", ["tab"] = "home" });

    public static JsonObject UrlVerification(string challenge) =>
        new() { ["token"] = "legacy", ["challenge"] = challenge, ["type"] = "url_verification" };

    /// <summary>A click on a button of a message (block_actions), in a DM or a channel thread.</summary>
    public static JsonObject Click(string user, string actionId, string value, string channel, string messageTs, string? threadTs = null, string actionTs = "1700000200.000001", string? responseUrl = null) =>
        new()
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["username"] = user.ToLowerInvariant(), ["name"] = user.ToLowerInvariant(), ["team_id"] = Team },
            ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "practice" },
            ["api_app_id"] = "A0NOTESGUARD",
            ["trigger_id"] = "trigger-" + actionTs,
            ["response_url"] = responseUrl ?? "https://hooks.slack.com/actions/T0PRACTICE/1/abc",
            ["container"] = new JsonObject
            {
                ["type"] = "message",
                ["message_ts"] = messageTs,
                ["channel_id"] = channel,
                ["is_ephemeral"] = false,
                ["thread_ts"] = threadTs,
            },
            ["channel"] = new JsonObject { ["id"] = channel },
            ["message"] = new JsonObject { ["ts"] = messageTs, ["thread_ts"] = threadTs, ["type"] = "message" },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = actionId,
                ["block_id"] = "ng-b3",
                ["value"] = value,
                ["action_ts"] = actionTs,
            }),
        };

    public static JsonObject HomeClick(string user, string actionId, string actionTs = "1700000300.000001") =>
        new()
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = Team },
            ["team"] = new JsonObject { ["id"] = Team },
            ["trigger_id"] = "trigger-home",
            ["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V0HOME" },
            ["view"] = new JsonObject { ["id"] = "V0HOME", ["type"] = "home" },
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = actionId, ["value"] = "new", ["action_ts"] = actionTs }),
        };

    public static JsonObject ModalClick(string user, string actionId, string value, string privateMetadata, string actionTs = "1700000400.000001") =>
        new()
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = Team },
            ["team"] = new JsonObject { ["id"] = Team },
            ["trigger_id"] = "trigger-modal",
            ["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V0REVIEW" },
            ["view"] = new JsonObject { ["id"] = "V0REVIEW", ["type"] = "modal", ["callback_id"] = "ng-review", ["private_metadata"] = privateMetadata, ["hash"] = "h1" },
            ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = actionId, ["value"] = value, ["action_ts"] = actionTs }),
        };

    public static JsonObject ViewSubmission(string user, string privateMetadata, string hash = "h1") =>
        new()
        {
            ["type"] = "view_submission",
            ["user"] = new JsonObject { ["id"] = user, ["team_id"] = Team },
            ["team"] = new JsonObject { ["id"] = Team },
            ["trigger_id"] = "trigger-submit",
            ["view"] = new JsonObject
            {
                ["id"] = "V0REVIEW",
                ["type"] = "modal",
                ["callback_id"] = "ng-review",
                ["private_metadata"] = privateMetadata,
                ["hash"] = hash,
                ["state"] = new JsonObject { ["values"] = new JsonObject() },
            },
        };

    public static Dictionary<string, string> SlashCommand(string user, string text, string channel, Uri responseUrl, string triggerId = "trigger-command-1") => new()
    {
        ["token"] = "legacy",
        ["team_id"] = Team,
        ["team_domain"] = "practice",
        ["channel_id"] = channel,
        ["channel_name"] = channel.StartsWith('D') ? "directmessage" : "supervision",
        ["user_id"] = user,
        ["user_name"] = user.ToLowerInvariant(),
        ["command"] = "/notesguard",
        ["text"] = text,
        ["api_app_id"] = "A0NOTESGUARD",
        ["response_url"] = responseUrl.ToString(),
        ["trigger_id"] = triggerId,
    };

    private static JsonObject Envelope(string eventId, JsonObject ev) => new()
    {
        ["token"] = "legacy",
        ["team_id"] = Team,
        ["api_app_id"] = "A0NOTESGUARD",
        ["event"] = ev,
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1700000000,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = Team, ["user_id"] = BotUser, ["is_bot"] = true }),
    };
}
