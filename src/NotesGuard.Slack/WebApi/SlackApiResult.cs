using System.Text.Json;

namespace NotesGuard.Slack.WebApi;

/// <summary>
/// What one Web API call came back with. <see cref="Error"/> is Slack's error code (e.g. "not_in_channel"),
/// or "http_{status}" / "unreachable" when Slack did not answer with JSON.
/// </summary>
public sealed class SlackApiResult
{
    private SlackApiResult(bool ok, string? error, JsonElement body)
    {
        Ok = ok;
        Error = error;
        Body = body;
    }

    public bool Ok { get; }

    public string? Error { get; }

    /// <summary>The whole JSON answer (a detached copy), or an undefined element when there was none.</summary>
    public JsonElement Body { get; }

    /// <summary>The posted message's ts (chat.postMessage, chat.update).</summary>
    public string? Ts => StringProperty("ts");

    /// <summary>The channel id, whether Slack sent it as a string (chat.*) or an object (conversations.open).</summary>
    public string? Channel
    {
        get
        {
            if (Body.ValueKind != JsonValueKind.Object || !Body.TryGetProperty("channel", out var channel))
            {
                return null;
            }

            return channel.ValueKind switch
            {
                JsonValueKind.String => channel.GetString(),
                JsonValueKind.Object when channel.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
                _ => null,
            };
        }
    }

    public string? StringProperty(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    internal static SlackApiResult FromJson(JsonElement body)
    {
        var ok = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("ok", out var okValue) && okValue.ValueKind == JsonValueKind.True;
        string? error = null;
        if (!ok)
        {
            error = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String
                ? e.GetString()
                : "unknown_error";
        }

        return new SlackApiResult(ok, error, body);
    }

    /// <summary>response_url answers plain "ok" rather than JSON.</summary>
    internal static SlackApiResult Success() => new(true, null, default);

    internal static SlackApiResult Failure(string error) => new(false, error, default);
}
