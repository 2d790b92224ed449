using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using NotesGuard.Slack.Inbound;
using NotesGuard.Slack.Tests.Fakes;

namespace NotesGuard.Slack.Tests.Inbound;

/// <summary>
/// Every Slack endpoint refuses a body over Slack:MaxBodyBytes with 413, whether the sender declares the
/// length up front or streams it chunked, and nothing reaches the engine.
/// </summary>
public sealed class SlackOversizedBodyTests : IAsyncLifetime
{
    private SlackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/slack/events", "application/json", false)]
    [InlineData("/slack/events", "application/json", true)]
    [InlineData("/slack/commands", "application/x-www-form-urlencoded", false)]
    [InlineData("/slack/commands", "application/x-www-form-urlencoded", true)]
    [InlineData("/slack/interactions", "application/x-www-form-urlencoded", false)]
    [InlineData("/slack/interactions", "application/x-www-form-urlencoded", true)]
    public async Task A_huge_signed_body_gets_413(string path, string contentType, bool chunked)
    {
        var body = new byte[2 * 1024 * 1024];
        Array.Fill(body, (byte)'x');
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TransferEncodingChunked = chunked;
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", new SlackSignature(SlackTestHost.SigningSecret).Compute(ts, body));

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.Engine.Turns);
    }
}
