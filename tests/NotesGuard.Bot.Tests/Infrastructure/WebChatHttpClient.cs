using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotesGuard.Bot.Tests.Infrastructure;

/// <summary>One browser's conversation over POST /chat/turn, without the browser.</summary>
internal sealed class WebChatHttpClient(HttpClient http, string conversationId = "conv1", string userId = "user1")
{
    public JsonArray LastReplies { get; private set; } = [];

    public async Task<JsonArray> SaysAsync(string text) => await SendAsync(new { conversationId, userId, text });

    /// <summary>Clicks the button titled <paramref name="title"/> in the last replies.</summary>
    public async Task<JsonArray> ClicksAsync(string title)
    {
        var value = Buttons().FirstOrDefault(b => (string?)b["title"] == title)?["value"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"No button '{title}' in {LastReplies.ToJsonString()}");
        return await SendAsync(new { conversationId, userId, value });
    }

    /// <summary>Sends a button's value as a click would, for buttons that sit inside a card's lines.</summary>
    public async Task<JsonArray> ClicksValueAsync(string value) => await SendAsync(new { conversationId, userId, value });

    public string? QuestionText => LastReplies.LastOrDefault(r => (string?)r!["type"] == "question")?["text"]?.GetValue<string>();

    public string? ProgressText => LastReplies.LastOrDefault(r => (string?)r!["type"] == "question")?["progress"]?.GetValue<string>();

    public JsonNode? Reply(string type) => LastReplies.LastOrDefault(r => (string?)r!["type"] == type);

    private IEnumerable<JsonNode> Buttons() => LastReplies.SelectMany(r =>
        (r!["buttons"]?.AsArray() ?? []).Concat(r["navigation"]?.AsArray() ?? [])
            .Concat((r["items"]?.AsArray() ?? []).Select(i => i!["change"])))!;

    private async Task<JsonArray> SendAsync(object body)
    {
        using var response = await http.PostAsJsonAsync("/chat/turn", body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"/chat/turn answered {(int)response.StatusCode}: {text}");
        }

        LastReplies = JsonNode.Parse(text)!["replies"]!.AsArray();
        return LastReplies;
    }

    public static string Describe(JsonArray replies) => replies.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
