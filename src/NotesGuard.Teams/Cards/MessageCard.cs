using NotesGuard.Conversations.Replies;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Cards;

/// <summary>Welcome, help and any text that comes with buttons: a title, the text, the buttons.</summary>
internal sealed class MessageCard(CardButtons buttons)
{
    public RawJson Render(TextReply reply)
    {
        var title = reply.Title ?? reply.Kind switch
        {
            TextKind.Welcome => "Welcome to NotesGuard",
            TextKind.Help => "NotesGuard help",
            _ => null,
        };
        using var writer = CardJsonWriter.Start();
        var json = writer.Json;
        AdaptiveElements.StartCard(json, title is null ? reply.Text : $"{title}: {reply.Text}");
        if (title is not null)
        {
            AdaptiveElements.TextBlock(json, title, size: "Large", weight: "Bolder");
        }

        // One TextBlock per line: hosts treat a single newline in markdown as a space, which would run the
        // help's list of commands together.
        var color = reply.Kind == TextKind.Notice ? "Warning" : null;
        foreach (var paragraph in reply.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var first = true;
            foreach (var line in paragraph.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                AdaptiveElements.TextBlock(json, line, color: color, spacing: first ? null : "None");
                first = false;
            }
        }

        AdaptiveElements.EndCard(json, buttons, reply.Buttons);
        return writer.ToRawJson();
    }
}
