using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Inbound;

/// <summary>
/// In channels and group chats the text holds "&lt;at&gt;NotesGuard&lt;/at&gt; new case": the bot's own mention is
/// removed (found through the mention entities whose mentioned id is the bot), so the engine sees "new case".
/// Mentions of other people stay: they are part of what the user wrote.
/// </summary>
internal static class BotMention
{
    public static string? Strip(Activity activity)
    {
        var text = activity.Text;
        if (string.IsNullOrEmpty(text) || activity.Entities is null)
        {
            return text?.Trim();
        }

        var botId = activity.Recipient?.Id;
        // A JSON array may hold nulls whatever the schema says.
        foreach (var entity in activity.Entities.OfType<Entity>())
        {
            if (string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase)
                && botId is not null
                && string.Equals(entity.Mentioned?.Id, botId, StringComparison.Ordinal)
                && !string.IsNullOrEmpty(entity.Text))
            {
                text = text.Replace(entity.Text, " ", StringComparison.Ordinal);
            }
        }

        return text.Replace("&nbsp;", " ", StringComparison.Ordinal).Trim();
    }
}
