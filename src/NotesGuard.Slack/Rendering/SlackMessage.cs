using System.Text.Json.Nodes;

namespace NotesGuard.Slack.Rendering;

/// <summary>
/// One Slack message as rendered: the notification/screen-reader fallback <see cref="Text"/> and its blocks.
/// The sender adds channel, thread and ts.
/// </summary>
public sealed record SlackMessage(string Text, JsonArray Blocks)
{
    /// <summary>A chat.postMessage-shaped body (also valid for response_url and chat.update after adding fields).</summary>
    public JsonObject ToBody()
    {
        return new JsonObject
        {
            ["text"] = Text,
            ["blocks"] = Blocks.DeepClone(),
        };
    }
}
