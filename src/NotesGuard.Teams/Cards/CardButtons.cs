using System.Text.Json;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// Turns reply buttons into card actions and reads the clicked value back. The engine's value travels
/// opaque in the action's data under <see cref="ValueField"/>, for Action.Submit and Action.Execute alike.
/// </summary>
internal sealed class CardButtons(IOptions<TeamsOptions> options)
{
    public const string ValueField = "notesguard";
    public const string ExecuteVerb = "notesguard.answer";

    private readonly CardActionStyle _style = options.Value.CardActions;

    /// <summary>One button as an Action.Submit or Action.Execute carrying the engine's value in its data.</summary>
    public void WriteAction(Utf8JsonWriter json, ReplyButton button)
    {
        if (_style == CardActionStyle.Execute)
        {
            AdaptiveElements.StartAction(json, "Action.Execute", button.Title);
            json.WriteString("verb", ExecuteVerb);
        }
        else
        {
            AdaptiveElements.StartAction(json, "Action.Submit", button.Title);
        }

        json.WriteStartObject("data");
        json.WriteString(ValueField, button.Value);
        json.WriteEndObject();
        var style = button.Style switch
        {
            ButtonStyle.Primary => "positive",
            ButtonStyle.Destructive => "destructive",
            _ => null,
        };
        if (style is not null)
        {
            json.WriteString("style", style);
        }

        json.WriteEndObject();
    }

    /// <summary>The buttons in order, as array items (the caller opens and closes the array).</summary>
    public void WriteActions(Utf8JsonWriter json, IEnumerable<ReplyButton> buttons)
    {
        foreach (var button in buttons)
        {
            WriteAction(json, button);
        }
    }

    /// <summary>The engine value in Action.Submit data (a message's value), or null.</summary>
    public static string? FromSubmitData(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty(ValueField, out var field)
        && field.ValueKind == JsonValueKind.String
            ? field.GetString()
            : null;

    /// <summary>The engine value in an adaptiveCard/action invoke (value.action.data), or null.</summary>
    public static string? FromInvokeValue(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } invoke
        && invoke.TryGetProperty("action", out var action)
        && action.ValueKind == JsonValueKind.Object
        && action.TryGetProperty("data", out var data)
            ? FromSubmitData(data)
            : null;
}
