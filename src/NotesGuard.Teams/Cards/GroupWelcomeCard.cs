using System.Text.Json.Nodes;
using NotesGuard.Teams.Inbound;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// The welcome when NotesGuard is added to a group chat or a team: it explains how a group works with it
/// (each person runs their own case, and every card says whose it is). Its buttons send the typed commands
/// "new case" and "help" for whoever clicks, so nobody starts a case on someone else's behalf.
/// </summary>
internal static class GroupWelcomeCard
{
    public const string Title = "NotesGuard";

    public const string Text =
        "I walk you through a request for a client's therapy notes, one question at a time, and end with practice guidance.";

    public const string HowGroupsWork =
        "In this chat each person runs their own case: mention me with \"new case\" or use the button. " +
        "Every card shows whose case it is, and only that person's clicks change it. " +
        "Nothing you type is stored; answers expire, and \"forget me\" deletes yours at once.";

    public static JsonObject Render()
    {
        var body = new JsonArray
        {
            AdaptiveElements.TextBlock(Title, size: "Large", weight: "Bolder"),
            AdaptiveElements.TextBlock(Text),
            AdaptiveElements.TextBlock(HowGroupsWork, subtle: true),
        };
        var actions = new JsonArray
        {
            TypedCommand("Start my case", "new case", "positive"),
            TypedCommand("Help", "help", null),
        };
        return AdaptiveElements.Card($"{Title}: {Text} {HowGroupsWork}", body, actions);
    }

    private static JsonObject TypedCommand(string title, string command, string? style)
    {
        var action = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = title,
            ["data"] = new JsonObject { [MessageActivityHandler.TypedTextField] = command },
        };
        if (style is not null)
        {
            action["style"] = style;
        }

        return action;
    }
}
