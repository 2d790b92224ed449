using System.Net;
using System.Text;
using NotesGuard.Bot.Tests.Infrastructure;

namespace NotesGuard.Bot.Tests.Limits;

/// <summary>
/// RateLimits:PerIpPerMinute, checked before anything else on every endpoint family: once one address has used its
/// requests, the next is answered 429 with Retry-After, whatever it is and whether or not it would have been
/// refused anyway. Health probes are never limited.
/// </summary>
public sealed class PerAddressLimitTests
{
    private const int Limit = 3;

    private static Dictionary<string, string?> Settings() => new()
    {
        ["RateLimits:PerIpPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Slack:SigningSecret"] = "limit-test-secret",
        ["Slack:BotToken"] = "xoxb-limit-test",
        ["Slack:TeamId"] = "T0PRACTICE",
    };

    [Theory]
    [InlineData("/api/messages", "application/json", """{"type":"message"}""")]
    [InlineData("/slack/events", "application/json", """{"type":"event_callback"}""")]
    [InlineData("/slack/commands", "application/x-www-form-urlencoded", "command=%2Fnotesguard")]
    [InlineData("/slack/interactions", "application/x-www-form-urlencoded", "payload=%7B%7D")]
    [InlineData("/chat/turn", "application/json", """{"conversationId":"c1","userId":"u1","text":"hello"}""")]
    [InlineData("/api/advice", "application/json", "{}")]
    public async Task After_the_limit_an_address_gets_429_with_retry_after(string path, string contentType, string body)
    {
        await using var bot = await RunningBot.StartAsync(Settings());

        for (var i = 0; i < Limit; i++)
        {
            using var allowed = await PostAsync(bot, path, contentType, body);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        using var refused = await PostAsync(bot, path, contentType, body);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Contains("Too many requests", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_probes_are_answered_however_busy_the_address_is()
    {
        await using var bot = await RunningBot.StartAsync(Settings());
        for (var i = 0; i <= Limit; i++)
        {
            using var _ = await PostAsync(bot, "/api/advice", "application/json", "{}");
        }

        using var probe = await bot.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
    }

    [Theory]
    [InlineData("RateLimits:PerIpPerMinute", "0")]
    [InlineData("RateLimits:PerUserPerMinute", "-5")]
    public async Task A_limit_below_one_stops_the_app_at_start_up_naming_the_key(string key, string value)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningBot.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key, failure.ToString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(RunningBot bot, string path, string contentType, string body) =>
        bot.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));
}
