using System.Text.Json.Nodes;

namespace NotesGuard.Teams.Tests.Infrastructure;

/// <summary>Activities shaped like the ones Teams sends, as JSON, for posting to /api/messages.</summary>
public static class Activities
{
    public const string BotId = "28:notesguard-bot";
    public const string BotName = "NotesGuard";
    public const string UserId = "29:alex";
    public const string ChannelConversation = "19:supervision@thread.tacv2";

    private static int _ids;

    public static string NewId() => $"1700000000{Interlocked.Increment(ref _ids):D4}";

    public static JsonObject Message(
        string serviceUrl,
        string text,
        string conversationType = "personal",
        string? conversationId = null,
        string userId = UserId,
        string userName = "Alex",
        string? id = null) => new()
    {
        ["type"] = "message",
        ["id"] = id ?? NewId(),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = userId, ["name"] = userName },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
        ["conversation"] = new JsonObject
        {
            ["id"] = conversationId ?? (conversationType == "personal" ? "a:personal-alex" : "19:group@thread.v2"),
            ["conversationType"] = conversationType,
            ["isGroup"] = conversationType != "personal",
            ["tenantId"] = "tenant-1",
        },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
        ["text"] = text,
        ["textFormat"] = "plain",
    };

    /// <summary>A message in a group chat or channel that @mentions the bot, as Teams sends it.</summary>
    public static JsonObject Mentioning(string serviceUrl, string text, string conversationType, string? conversationId = null, string userName = "Alex", string userId = UserId)
    {
        var at = $"<at>{BotName}</at>";
        var activity = Message(serviceUrl, $"{at} {text}", conversationType, conversationId, userId, userName);
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = at,
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
        });
        return activity;
    }

    public static JsonObject Submit(string serviceUrl, string cardActivityId, JsonObject data, string conversationType = "personal", string userName = "Alex", string userId = UserId)
    {
        var activity = Message(serviceUrl, "", conversationType, userName: userName, userId: userId);
        activity.Remove("text");
        activity["replyToId"] = cardActivityId;
        activity["value"] = data;
        return activity;
    }

    public static JsonObject Execute(string serviceUrl, string cardActivityId, JsonObject data, string conversationType = "personal")
    {
        var activity = Message(serviceUrl, "", conversationType);
        activity.Remove("text");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = cardActivityId;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "notesguard.answer", ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

    public static JsonObject BotAdded(string serviceUrl, string conversationType, string? conversationId = null, params string[] otherMembers)
    {
        var activity = Message(serviceUrl, "", conversationType, conversationId);
        activity.Remove("text");
        activity["type"] = "conversationUpdate";
        var members = new JsonArray(new JsonObject { ["id"] = BotId });
        foreach (var member in otherMembers)
        {
            members.Add(new JsonObject { ["id"] = member });
        }

        activity["membersAdded"] = members;
        return activity;
    }

    public static JsonObject MembersAdded(string serviceUrl, string conversationType, params string[] members)
    {
        var activity = Message(serviceUrl, "", conversationType);
        activity.Remove("text");
        activity["type"] = "conversationUpdate";
        activity["membersAdded"] = new JsonArray([.. members.Select(m => (JsonNode)new JsonObject { ["id"] = m })]);
        return activity;
    }
}
