using System.Text.Json.Nodes;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// Adaptive Card 1.5 elements as JSON nodes. Text given here is plain and gets escaped; the few callers
/// that build markdown on purpose (source links) use <see cref="MarkdownBlock"/>.
/// </summary>
internal static class AdaptiveElements
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    public static JsonObject Card(string fallbackText, JsonArray body, JsonArray? actions = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["fallbackText"] = fallbackText,
            ["body"] = body,
        };
        if (actions is { Count: > 0 })
        {
            card["actions"] = actions;
        }

        return card;
    }

    public static JsonObject TextBlock(
        string plainText,
        string? size = null,
        string? weight = null,
        string? color = null,
        bool subtle = false,
        string? spacing = null,
        string? style = null) =>
        MarkdownBlock(CardText.Escape(plainText), size, weight, color, subtle, spacing, style);

    public static JsonObject MarkdownBlock(
        string markdown,
        string? size = null,
        string? weight = null,
        string? color = null,
        bool subtle = false,
        string? spacing = null,
        string? style = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = markdown, ["wrap"] = true };
        Set(block, "size", size);
        Set(block, "weight", weight);
        Set(block, "color", color);
        Set(block, "spacing", spacing);
        Set(block, "style", style);
        if (subtle)
        {
            block["isSubtle"] = true;
        }

        return block;
    }

    public static JsonObject Container(JsonArray items, string? id = null, string? style = null, bool visible = true, string? spacing = null)
    {
        var container = new JsonObject { ["type"] = "Container", ["items"] = items };
        Set(container, "id", id);
        Set(container, "style", style);
        Set(container, "spacing", spacing);
        if (!visible)
        {
            container["isVisible"] = false;
        }

        return container;
    }

    public static JsonObject ActionSet(JsonArray actions, string? spacing = null)
    {
        var set = new JsonObject { ["type"] = "ActionSet", ["actions"] = actions };
        Set(set, "spacing", spacing);
        return set;
    }

    public static JsonObject FactSet(IEnumerable<(string Title, string Value)> facts)
    {
        var array = new JsonArray();
        foreach (var (title, value) in facts)
        {
            array.Add(new JsonObject { ["title"] = CardText.Escape(title), ["value"] = CardText.Escape(value) });
        }

        return new JsonObject { ["type"] = "FactSet", ["facts"] = array };
    }

    public static JsonObject ColumnSet(params JsonObject[] columns) =>
        new() { ["type"] = "ColumnSet", ["columns"] = new JsonArray(columns) };

    public static JsonObject Column(string width, JsonArray items, string? verticalContentAlignment = null)
    {
        var column = new JsonObject { ["type"] = "Column", ["width"] = width, ["items"] = items };
        Set(column, "verticalContentAlignment", verticalContentAlignment);
        return column;
    }

    public static JsonObject OpenUrl(string title, string url) =>
        new() { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url };

    public static JsonObject ToggleVisibility(string title, string targetId) =>
        new() { ["type"] = "Action.ToggleVisibility", ["title"] = title, ["targetElements"] = new JsonArray(targetId) };

    private static void Set(JsonObject node, string name, string? value)
    {
        if (value is not null)
        {
            node[name] = value;
        }
    }
}
