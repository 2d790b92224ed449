using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Bot.Tests.Host;

/// <summary>The web chat's JSON endpoint: on in Development or when enabled, off otherwise, strict about input.</summary>
public sealed class WebChatEndpointTests
{
    private const string Turn = """{"conversationId":"c1","userId":"u1","text":"hello"}""";

    [Fact]
    public async Task The_endpoint_and_page_are_off_in_production()
    {
        await using var bot = await RunningBot.StartAsync(ProductionSettings.With(), "Production");

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(bot, Turn)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await bot.Client.GetAsync("/app.js")).StatusCode);
        Assert.Contains("switched off", await bot.Client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_endpoint_can_be_switched_on_in_production_by_configuration()
    {
        await using var bot = await RunningBot.StartAsync(ProductionSettings.With(("WebChat:Enabled", "true")), "Production");

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(bot, Turn)).Status);
        Assert.Contains("<title>NotesGuard", await bot.Client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_endpoint_can_be_switched_off_in_development()
    {
        await using var bot = await RunningBot.StartAsync(new Dictionary<string, string?> { ["WebChat:Enabled"] = "false" });

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(bot, Turn)).Status);
    }

    [Theory]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("attacker.example", HttpStatusCode.BadRequest)]
    public async Task In_development_only_requests_addressed_to_this_machine_are_served(string host, HttpStatusCode expected)
    {
        // A web page can point its own name at 127.0.0.1 (DNS rebinding) and then call the local bot as if it
        // were the same site; the Host header it sends still names the page's site, so it is refused.
        await using var bot = await RunningBot.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/chat/turn") { Content = new StringContent(Turn, Encoding.UTF8, "application/json") };
        request.Headers.Host = $"{host}:{bot.BaseAddress.Port}";

        using var response = await bot.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"userId":"u1","text":"hi"}""", "conversationId")]
    [InlineData("""{"conversationId":"c1","userId":"u 1","text":"hi"}""", "userId")]
    [InlineData("""{"conversationId":"c1","userId":"u1"}""", "text or a button value")]
    [InlineData("null", "JSON object")]
    public async Task Bad_turns_get_400_naming_the_problem(string body, string mentioned)
    {
        await using var bot = await RunningBot.StartAsync();

        var (status, text) = await PostAsync(bot, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(mentioned, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_naming_another_channel_cannot_forget_that_channels_walkthrough()
    {
        // The web chat's channel comes from the endpoint: a "channelId" in the body is not read at all.
        await using var bot = await RunningBot.StartAsync();
        var store = bot.Services.GetRequiredService<IStateStore>();
        var teamsWalkthrough = new StateKey("msteams", "a-victim", "victim");
        Assert.NotNull(await store.TryWriteAsync(teamsWalkthrough, [1, 2, 3], null, TimeSpan.FromHours(1)));

        var (status, _) = await PostAsync(bot, """{"channelId":"msteams","conversationId":"a-victim","userId":"victim","text":"forget me"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(await store.ReadAsync(teamsWalkthrough));
    }

    [Fact]
    public async Task A_turns_answers_and_document_links_are_never_kept_by_a_cache_and_the_page_is_asked_for_again()
    {
        await using var bot = await RunningBot.StartAsync();

        using var turn = await bot.Client.PostAsync("/chat/turn", new StringContent(Turn, Encoding.UTF8, "application/json"));
        using var script = await bot.Client.GetAsync("/app.js");

        Assert.Equal(HttpStatusCode.OK, turn.StatusCode);
        Assert.True(turn.Headers.CacheControl?.NoStore, turn.Headers.ToString());
        Assert.Contains("nosniff", turn.Headers.GetValues("X-Content-Type-Options"));
        Assert.True(script.Headers.CacheControl?.NoCache, script.Headers.ToString());
    }

    [Fact]
    public async Task A_turn_that_is_not_json_content_gets_415_so_cross_site_forms_cannot_post()
    {
        await using var bot = await RunningBot.StartAsync();

        using var form = new StringContent(Turn, Encoding.UTF8, "text/plain");
        using var response = await bot.Client.PostAsync("/chat/turn", form);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task The_page_forbids_inline_script_and_framing()
    {
        await using var bot = await RunningBot.StartAsync();

        using var response = await bot.Client.GetAsync("/");
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_turn_gets_413()
    {
        await using var bot = await RunningBot.StartAsync();

        var (status, _) = await PostAsync(bot, "{\"conversationId\":\"c1\",\"userId\":\"u1\",\"text\":\"" + new string('a', 100_000) + "\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task What_people_type_never_reaches_the_logs()
    {
        var logs = new CapturingLoggerProvider();
        await using var bot = await RunningBot.StartAsync(configure: b => b.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var chat = new WebChatHttpClient(bot.Client);

        await chat.SaysAsync("My client Jane Doe-Secretname was assaulted");
        await chat.SaysAsync("Jane Doe-Secretname again");
        await chat.SaysAsync("forget me");

        Assert.NotEmpty(logs.Messages);
        Assert.DoesNotContain(logs.Messages, m => m.Contains("Secretname", StringComparison.Ordinal));
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(RunningBot bot, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await bot.Client.PostAsync("/chat/turn", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
