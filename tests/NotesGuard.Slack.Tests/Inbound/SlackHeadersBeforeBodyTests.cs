using System.Globalization;
using System.Net.Sockets;
using System.Text;
using NotesGuard.Slack.Tests.Fakes;

namespace NotesGuard.Slack.Tests.Inbound;

/// <summary>
/// An unsigned, badly signed or replayed Slack request is refused from its headers alone: the answer comes while
/// the sender is still holding back most of a large body, so a flood of junk never costs reading the bodies.
/// Spoken over a raw socket, because an HTTP client would insist on sending the whole body first.
/// </summary>
public sealed class SlackHeadersBeforeBodyTests : IAsyncLifetime
{
    private SlackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string?, string?> Refusals()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var wellFormed = "v0=" + new string('a', 64);
        return new()
        {
            { "/slack/events", null, wellFormed },
            { "/slack/events", (now - 600).ToString(CultureInfo.InvariantCulture), wellFormed },
            { "/slack/events", (now + 600).ToString(CultureInfo.InvariantCulture), wellFormed },
            { "/slack/commands", "yesterday", wellFormed },
            { "/slack/commands", now.ToString(CultureInfo.InvariantCulture), null },
            { "/slack/interactions", now.ToString(CultureInfo.InvariantCulture), "v0=not-hex" },
            { "/slack/interactions", (now - 301).ToString(CultureInfo.InvariantCulture), wellFormed },
        };
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_request_without_a_fresh_well_formed_signature_is_answered_401_before_its_body_is_sent(string path, string? timestamp, string? signature)
    {
        // Declares 900 KB (under the 1 MiB limit, so only the headers can refuse it) and sends 1 KB of it.
        var status = await SendPartialAsync(path, declaredLength: 900 * 1024, timestamp, signature, chunked: false);

        Assert.Equal(401, status);
        Assert.Empty(_host.Engine.Turns);
    }

    [Fact]
    public async Task A_stale_request_streamed_chunked_is_answered_401_before_its_body_ends()
    {
        var stale = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600).ToString(CultureInfo.InvariantCulture);

        var status = await SendPartialAsync("/slack/events", declaredLength: null, stale, "v0=" + new string('b', 64), chunked: true);

        Assert.Equal(401, status);
    }

    /// <summary>Sends the headers and the first kilobyte, then waits for the status line while holding the rest back.</summary>
    private async Task<int> SendPartialAsync(string path, int? declaredLength, string? timestamp, string? signature, bool chunked)
    {
        var address = _host.Client.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\n");
        head.Append(chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {declaredLength}\r\n");
        if (timestamp is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"X-Slack-Request-Timestamp: {timestamp}\r\n");
        }

        if (signature is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"X-Slack-Signature: {signature}\r\n");
        }

        head.Append("\r\n");
        var firstPart = new string('x', 1024);
        if (chunked)
        {
            head.Append("400\r\n").Append(firstPart).Append("\r\n");
        }
        else
        {
            head.Append(firstPart);
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.FlushAsync();

        // A hang guard, not a timing assertion: without the header check the server would wait for the rest forever.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        var statusLine = Encoding.ASCII.GetString(buffer, 0, read);
        Assert.StartsWith("HTTP/1.1 ", statusLine, StringComparison.Ordinal);
        return int.Parse(statusLine.AsSpan(9, 3), CultureInfo.InvariantCulture);
    }
}
