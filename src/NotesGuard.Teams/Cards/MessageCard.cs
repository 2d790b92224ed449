using System.Text.Json.Nodes;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Teams.Cards;

/// <summary>Welcome, help and any text that comes with buttons: a title, the text, the buttons.</summary>
internal sealed class MessageCard(CardButtons buttons)
{
    public JsonObject Render(TextReply reply)
    {
        var body = new JsonArray();
        var title = reply.Title ?? reply.Kind switch
        {
            TextKind.Welcome => "Welcome to NotesGuard",
            TextKind.Help => "NotesGuard help",
            _ => null,
        };
        if (title is not null)
        {
            body.Add(AdaptiveElements.TextBlock(title, size: "Large", weight: "Bolder"));
        }

        // One TextBlock per line: hosts treat a single newline in markdown as a space, which would run the
        // help's list of commands together.
        var color = reply.Kind == TextKind.Notice ? "Warning" : null;
        foreach (var paragraph in reply.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var first = true;
            foreach (var line in paragraph.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                body.Add(AdaptiveElements.TextBlock(line, color: color, spacing: first ? null : "None"));
                first = false;
            }
        }

        var fallback = title is null ? reply.Text : $"{title}: {reply.Text}";
        return AdaptiveElements.Card(fallback, body, buttons.Actions(reply.Buttons));
    }
}
