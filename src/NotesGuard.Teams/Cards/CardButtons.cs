using System.Text.Json;
using System.Text.Json.Nodes;
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

    public JsonObject Action(ReplyButton button)
    {
        var data = new JsonObject { [ValueField] = button.Value };
        var action = _style == CardActionStyle.Execute
            ? new JsonObject { ["type"] = "Action.Execute", ["title"] = button.Title, ["verb"] = ExecuteVerb, ["data"] = data }
            : new JsonObject { ["type"] = "Action.Submit", ["title"] = button.Title, ["data"] = data };
        var style = button.Style switch
        {
            ButtonStyle.Primary => "positive",
            ButtonStyle.Destructive => "destructive",
            _ => null,
        };
        if (style is not null)
        {
            action["style"] = style;
        }

        return action;
    }

    public JsonArray Actions(IEnumerable<ReplyButton> buttons) => new([.. buttons.Select(Action)]);

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
