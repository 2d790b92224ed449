using System.Text.Json;
using NotesGuard.Teams.Inbound;
using NotesGuard.Teams.Schema;

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

    public static RawJson Render()
    {
        using var writer = CardJsonWriter.Start();
        var json = writer.Json;
        AdaptiveElements.StartCard(json, $"{Title}: {Text} {HowGroupsWork}");
        AdaptiveElements.TextBlock(json, Title, size: "Large", weight: "Bolder");
        AdaptiveElements.TextBlock(json, Text);
        AdaptiveElements.TextBlock(json, HowGroupsWork, subtle: true);
        json.WriteEndArray();
        json.WriteStartArray("actions");
        TypedCommand(json, "Start my case", "new case", "positive");
        TypedCommand(json, "Help", "help", null);
        json.WriteEndArray();
        json.WriteEndObject();
        return writer.ToRawJson();
    }

    private static void TypedCommand(Utf8JsonWriter json, string title, string command, string? style)
    {
        AdaptiveElements.StartAction(json, "Action.Submit", title);
        json.WriteStartObject("data");
        json.WriteString(MessageActivityHandler.TypedTextField, command);
        json.WriteEndObject();
        if (style is not null)
        {
            json.WriteString("style", style);
        }

        json.WriteEndObject();
    }
}
