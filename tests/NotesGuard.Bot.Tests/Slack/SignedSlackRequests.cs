using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NotesGuard.Slack.Inbound;

namespace NotesGuard.Bot.Tests.Slack;

/// <summary>
/// Builds and sends requests the way Slack does: events as JSON, commands as a form, interactions as a form
/// field "payload", each signed with the signing secret over the exact bytes sent.
/// </summary>
public sealed class SignedSlackRequests(HttpClient client, string signingSecret)
{
    private readonly SlackSignature _signature = new(signingSecret);

    /// <summary>Shifts the signed timestamp from now (to send stale or future requests).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.Zero;

    public Task<HttpResponseMessage> EventAsync(JsonObject envelope, int? retryNumber = null) =>
        SendAsync("/slack/events", Encoding.UTF8.GetBytes(envelope.ToJsonString()), "application/json", retryNumber);

    public Task<HttpResponseMessage> CommandAsync(IDictionary<string, string> fields) =>
        SendAsync("/slack/commands", Encoding.UTF8.GetBytes(Form(fields)), "application/x-www-form-urlencoded");

    public Task<HttpResponseMessage> InteractionAsync(JsonObject payload) =>
        SendAsync("/slack/interactions", Encoding.UTF8.GetBytes(Form(new Dictionary<string, string> { ["payload"] = payload.ToJsonString() })), "application/x-www-form-urlencoded");

    public async Task<HttpResponseMessage> SendAsync(string path, byte[] body, string contentType, int? retryNumber = null, string? signatureOverride = null)
    {
        var ts = DateTimeOffset.UtcNow.Add(ClockSkew).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", signatureOverride ?? _signature.Compute(ts, body));
        if (retryNumber is not null)
        {
            request.Headers.Add("X-Slack-Retry-Num", retryNumber.Value.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return await client.SendAsync(request);
    }

    public static string Form(IDictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
}
