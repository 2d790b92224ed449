using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Slack.Tests.Fakes;
using NotesGuard.Slack.WebApi;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Slack.Tests.WebApi;

public sealed class SlackWebApiClientTests : IAsyncLifetime
{
    private const string Token = "xoxb-secret-token-123";
    private FakeSlackWebApi _slack = null!;
    private readonly CapturedLogs _logs = new();
    private readonly List<ServiceProvider> _services = [];
    private readonly RecordingDelays _delays = new();

    public async Task InitializeAsync() => _slack = await FakeSlackWebApi.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var services in _services)
        {
            await services.DisposeAsync();
        }

        await _slack.DisposeAsync();
    }

    private SlackWebApiClient Client(int maxAttempts = 4, int maxRetryAfter = 10) =>
        Client(new SlackOptions { ApiBaseUrl = _slack.ApiBaseUrl, ResponseUrlBase = _slack.BaseAddress.ToString(), MaxApiAttempts = maxAttempts, MaxRetryAfterSeconds = maxRetryAfter });

    /// <summary>The client as the app builds it, resilience handlers included, on a clock that records its waits.</summary>
    private SlackWebApiClient Client(SlackOptions options, Func<HttpMessageHandler>? primary = null)
    {
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(_delays)
            .AddSingleton(Options.Create(options))
            .AddLogging(logging => logging.ClearProviders().AddProvider(_logs));
        var client = services.AddHttpClient<SlackWebApiClient>().AddSlackApiHandlers();
        if (primary is not null)
        {
            // As a host might, after the app's own configuration (a proxy, say).
            client.ConfigurePrimaryHttpMessageHandler(primary);
        }

        var provider = services.BuildServiceProvider();
        _services.Add(provider);
        return provider.GetRequiredService<SlackWebApiClient>();
    }

    [Fact]
    public async Task Posts_json_with_the_bot_token_as_bearer_and_returns_the_message_ts()
    {
        var result = await Client().PostMessageAsync(Token, new JsonObject { ["channel"] = "C1", ["text"] = "hello" });

        Assert.True(result.Ok);
        Assert.NotNull(result.Ts);
        var call = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal(Token, call.Token);
        Assert.Equal("C1", call.Str("channel"));
        Assert.Equal("hello", call.Str("text"));
    }

    [Fact]
    public async Task A_429_is_retried_after_the_retry_after_interval_and_then_succeeds()
    {
        _slack.RateLimitNext("chat.postMessage", retryAfterSeconds: 7);

        var result = await Client().PostMessageAsync(Token, new JsonObject { ["channel"] = "C1", ["text"] = "hello" });

        Assert.True(result.Ok);
        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count);
        Assert.Equal([TimeSpan.FromSeconds(7)], _delays.Delays);
    }

    [Fact]
    public async Task Rate_limiting_that_does_not_end_gives_up_with_ratelimited_instead_of_looping()
    {
        for (var i = 0; i < 5; i++)
        {
            _slack.RateLimitNext("chat.update", retryAfterSeconds: 0);
        }

        var result = await Client(maxAttempts: 3).UpdateAsync(Token, new JsonObject { ["channel"] = "C1", ["ts"] = "1.2" });

        Assert.False(result.Ok);
        Assert.Equal("ratelimited", result.Error);
        Assert.Equal(3, _slack.CallsTo("chat.update").Count);
    }

    [Fact]
    public async Task A_retry_after_longer_than_allowed_is_not_waited_for()
    {
        _slack.RateLimitNext("chat.postMessage", retryAfterSeconds: 120);

        var result = await Client(maxRetryAfter: 5).PostMessageAsync(Token, new JsonObject { ["channel"] = "C1" });

        Assert.Equal("ratelimited", result.Error);
        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff()
    {
        _slack.StatusNext("views.publish", 503);
        _slack.StatusNext("views.publish", 500);

        var result = await Client().PublishViewAsync(Token, "U1", new JsonObject { ["type"] = "home", ["blocks"] = new JsonArray() });

        Assert.True(result.Ok);
        Assert.Equal(3, _slack.CallsTo("views.publish").Count);
        Assert.Equal(2, _delays.Delays.Count);
        Assert.True(_delays.Delays[1] > _delays.Delays[0], "the second wait backs off further than the first");
    }

    [Fact]
    public async Task An_install_code_is_not_sent_again_once_slack_may_have_used_it()
    {
        // A 5xx after the code went out: Slack may have used it, and a second exchange would only get invalid_code.
        _slack.StatusNext("oauth.v2.access", 503);
        var failed = await Client().OAuthAccessAsync("client-id", "client-secret", "code-1", "https://notesguard.example/slack/oauth/callback");
        Assert.False(failed.Ok);
        Assert.Single(_slack.CallsTo("oauth.v2.access"));

        // A 429 is a refusal unread: that is tried again.
        _slack.RateLimitNext("oauth.v2.access", retryAfterSeconds: 1);
        var retried = await Client().OAuthAccessAsync("client-id", "client-secret", "code-2", "https://notesguard.example/slack/oauth/callback");
        Assert.Equal(3, _slack.CallsTo("oauth.v2.access").Count);
        Assert.Equal("code-2", _slack.CallsTo("oauth.v2.access")[^1].Str("code"));
        Assert.NotEqual("ratelimited", retried.Error);
    }

    [Fact]
    public async Task A_server_errors_retry_after_is_held_to_the_longest_allowed_wait()
    {
        _slack.StatusNext("views.publish", 503, retryAfterSeconds: 600);

        var result = await Client(maxRetryAfter: 10).PublishViewAsync(Token, "U1", new JsonObject { ["type"] = "home", ["blocks"] = new JsonArray() });

        Assert.True(result.Ok);
        Assert.Equal([TimeSpan.FromSeconds(10)], _delays.Delays);
    }

    [Fact]
    public async Task An_upload_address_that_redirects_is_not_followed_whatever_primary_handler_the_host_put_in()
    {
        await using var elsewhere = await FakeSlackWebApi.StartAsync();
        _slack.AnswerNext("files.getUploadURLExternal", new JsonObject
        {
            ["ok"] = true, ["file_id"] = "F2", ["upload_url"] = _slack.RedirectingUploadUrl(elsewhere.UploadUrl("F2")).ToString(),
        });
        var client = Client(
            new SlackOptions { ApiBaseUrl = _slack.ApiBaseUrl, ResponseUrlBase = _slack.BaseAddress.ToString() },
            () => new HttpClientHandler());

        var result = await client.UploadFileAsync(Token, "C1", null, "letter.docx", "Letter", [1, 2, 3]);

        Assert.False(result.Ok);
        Assert.Single(_slack.CallsTo("redirect"));
        Assert.Empty(elsewhere.Calls);
    }

    [Fact]
    public async Task Ok_false_is_returned_and_logged_by_error_code_without_the_token_or_the_text()
    {
        _slack.FailNext("chat.postMessage", "not_in_channel");

        var result = await Client().PostMessageAsync(Token, new JsonObject { ["channel"] = "C1", ["text"] = "client Jane Doe's notes" });

        Assert.False(result.Ok);
        Assert.Equal("not_in_channel", result.Error);
        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Contains("not_in_channel", _logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, _logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Doe", _logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversations_open_gives_the_direct_message_channel_id()
    {
        var result = await Client().OpenDirectMessageAsync(Token, "U0ALEX");

        Assert.Equal("DU0ALEX", result.Channel);
    }

    [Fact]
    public async Task Response_url_posts_need_no_token()
    {
        var result = await Client().PostToResponseUrlAsync(_slack.ResponseUrl("r1"), new JsonObject { ["text"] = "hi", ["response_type"] = "ephemeral" });

        Assert.True(result.Ok);
        var call = Assert.Single(_slack.CallsTo("response_url"));
        Assert.Null(call.Token);
        Assert.Equal("ephemeral", call.Str("response_type"));
    }

    [Fact]
    public async Task A_response_url_outside_slacks_hooks_host_is_never_called()
    {
        await using var elsewhere = await FakeSlackWebApi.StartAsync();

        var result = await Client().PostToResponseUrlAsync(elsewhere.ResponseUrl("r1"), new JsonObject { ["text"] = "private" });

        Assert.False(result.Ok);
        Assert.Equal("response_url_refused", result.Error);
        Assert.Empty(elsewhere.Calls);
    }

    [Theory]
    [InlineData("https://hooks.slack.com/commands/T0/1/abc", true)]
    [InlineData("https://hooks.slack.com.attacker.example/commands/T0/1/abc", false)]
    [InlineData("http://hooks.slack.com/commands/T0/1/abc", false)]
    [InlineData("https://hooks.slack.com:8443/commands/T0/1/abc", false)]
    [InlineData("https://user@hooks.slack.com/commands/T0/1/abc", false)]
    [InlineData("https://slack.com/api/chat.postMessage", false)]
    public void Only_https_urls_on_slacks_hooks_host_are_response_urls(string url, bool allowed) =>
        Assert.Equal(allowed, NotesGuard.Slack.Inbound.SlackResponseUrls.Accept(url, new SlackOptions()) is not null);

    [Fact]
    public async Task An_unreachable_slack_is_reported_not_thrown()
    {
        var client = Client(new SlackOptions { ApiBaseUrl = "http://127.0.0.1:9/api/", MaxApiAttempts = 2 });

        var result = await client.PostMessageAsync(Token, new JsonObject { ["channel"] = "C1" });

        Assert.False(result.Ok);
        Assert.Equal("unreachable", result.Error);
    }
}
