using System.Text.Json;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// Adaptive Card 1.5 elements, written straight to a Utf8JsonWriter in document order (no DOM). Elements with
/// children come in Start/End pairs; the End call writes the properties that follow the children. Text given here is
/// plain and gets escaped; the few callers that build markdown on purpose (source links) use <see cref="MarkdownBlock"/>.
/// </summary>
internal static class AdaptiveElements
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText TitleName = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText WrapName = JsonEncodedText.Encode("wrap");
    private static readonly JsonEncodedText ItemsName = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText ActionsName = JsonEncodedText.Encode("actions");
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText StyleName = JsonEncodedText.Encode("style");
    private static readonly JsonEncodedText SpacingName = JsonEncodedText.Encode("spacing");
    private static readonly JsonEncodedText TextBlockType = JsonEncodedText.Encode("TextBlock");
    private static readonly JsonEncodedText ContainerType = JsonEncodedText.Encode("Container");
    private static readonly JsonEncodedText ActionSetType = JsonEncodedText.Encode("ActionSet");

    /// <summary>Opens the card and its body; then the body's elements, then <see cref="EndCard"/>.</summary>
    public static void StartCard(Utf8JsonWriter json, string fallbackText)
    {
        json.WriteStartObject();
        json.WriteString(TypeName, "AdaptiveCard");
        json.WriteString("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        json.WriteString("version", "1.5");
        json.WriteString("fallbackText", fallbackText);
        json.WriteStartArray("body");
    }

    /// <summary>Closes the body, writes the card's actions (none: no "actions" at all) and closes the card.</summary>
    public static void EndCard(Utf8JsonWriter json, CardButtons? buttons = null, IReadOnlyList<Conversations.Replies.ReplyButton>? actions = null)
    {
        json.WriteEndArray();
        if (buttons is not null && actions is { Count: > 0 })
        {
            json.WriteStartArray(ActionsName);
            buttons.WriteActions(json, actions);
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    public static void TextBlock(
        Utf8JsonWriter json,
        string plainText,
        string? size = null,
        string? weight = null,
        string? color = null,
        bool subtle = false,
        string? spacing = null,
        string? style = null) =>
        MarkdownBlock(json, CardText.Escape(plainText), size, weight, color, subtle, spacing, style);

    public static void MarkdownBlock(
        Utf8JsonWriter json,
        string markdown,
        string? size = null,
        string? weight = null,
        string? color = null,
        bool subtle = false,
        string? spacing = null,
        string? style = null)
    {
        json.WriteStartObject();
        json.WriteString(TypeName, TextBlockType);
        json.WriteString(TextName, markdown);
        json.WriteBoolean(WrapName, true);
        Set(json, "size", size);
        Set(json, "weight", weight);
        Set(json, "color", color);
        Set(json, SpacingName, spacing);
        Set(json, StyleName, style);
        if (subtle)
        {
            json.WriteBoolean("isSubtle", true);
        }

        json.WriteEndObject();
    }

    /// <summary>Opens a container's items; its id and style come after them, in <see cref="EndContainer"/>.</summary>
    public static void StartContainer(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString(TypeName, ContainerType);
        json.WriteStartArray(ItemsName);
    }

    public static void EndContainer(Utf8JsonWriter json, string? id = null, string? style = null, bool visible = true, string? spacing = null)
    {
        json.WriteEndArray();
        Set(json, IdName, id);
        Set(json, StyleName, style);
        Set(json, SpacingName, spacing);
        if (!visible)
        {
            json.WriteBoolean("isVisible", false);
        }

        json.WriteEndObject();
    }

    /// <summary>The most common section: a container holding one TextBlock.</summary>
    public static void TextContainer(
        Utf8JsonWriter json, string id, string plainText, string? size = null, string? weight = null, string? color = null, bool subtle = false, string? style = null)
    {
        StartContainer(json);
        TextBlock(json, plainText, size, weight, color, subtle);
        EndContainer(json, id, style);
    }

    /// <summary>A section's usual form: a container with one TextBlock a line, the line's words as plain text.</summary>
    public static void WordsContainer(Utf8JsonWriter json, string id, IEnumerable<Conversations.Cards.CardLine> lines)
    {
        StartContainer(json);
        foreach (var line in lines)
        {
            TextBlock(json, line.Words);
        }

        EndContainer(json, id);
    }

    public static void StartActionSet(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString(TypeName, ActionSetType);
        json.WriteStartArray(ActionsName);
    }

    public static void EndActionSet(Utf8JsonWriter json, string? spacing = null)
    {
        json.WriteEndArray();
        Set(json, SpacingName, spacing);
        json.WriteEndObject();
    }

    public static void FactSet(Utf8JsonWriter json, string title, string value)
    {
        json.WriteStartObject();
        json.WriteString(TypeName, "FactSet");
        json.WriteStartArray("facts");
        json.WriteStartObject();
        json.WriteString(TitleName, CardText.Escape(title));
        json.WriteString("value", CardText.Escape(value));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void StartColumnSet(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString(TypeName, "ColumnSet");
        json.WriteStartArray("columns");
    }

    public static void EndColumnSet(Utf8JsonWriter json)
    {
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void StartColumn(Utf8JsonWriter json, string width)
    {
        json.WriteStartObject();
        json.WriteString(TypeName, "Column");
        json.WriteString("width", width);
        json.WriteStartArray(ItemsName);
    }

    public static void EndColumn(Utf8JsonWriter json, string? verticalContentAlignment = null)
    {
        json.WriteEndArray();
        Set(json, "verticalContentAlignment", verticalContentAlignment);
        json.WriteEndObject();
    }

    public static void OpenUrl(Utf8JsonWriter json, string title, string url)
    {
        json.WriteStartObject();
        json.WriteString(TypeName, "Action.OpenUrl");
        json.WriteString(TitleName, title);
        json.WriteString("url", url);
        json.WriteEndObject();
    }

    /// <summary>A one-button action set that shows or hides the element <paramref name="targetId"/>.</summary>
    public static void ToggleVisibilitySet(Utf8JsonWriter json, string title, string targetId)
    {
        StartActionSet(json);
        json.WriteStartObject();
        json.WriteString(TypeName, "Action.ToggleVisibility");
        json.WriteString(TitleName, title);
        json.WriteStartArray("targetElements");
        json.WriteStringValue(targetId);
        json.WriteEndArray();
        json.WriteEndObject();
        EndActionSet(json);
    }

    /// <summary>An action's common start: its type and title (the caller writes the rest and closes it).</summary>
    public static void StartAction(Utf8JsonWriter json, string type, string title)
    {
        json.WriteStartObject();
        json.WriteString(TypeName, type);
        json.WriteString(TitleName, title);
    }

    private static void Set(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void Set(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
