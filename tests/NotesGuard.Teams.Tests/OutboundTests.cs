using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Teams.Connector;
using NotesGuard.Teams.Schema;
using NotesGuard.Teams.Tests.Infrastructure;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Teams.Tests;

/// <summary>
/// The connector client against a loopback connector that records calls, with tokens from a loopback
/// token endpoint through MSAL: the right verbs and URL-encoded paths, the bearer token, MSAL's cache, and
/// retries on throttling that wait as long as Teams asks.
/// </summary>
public sealed class OutboundTests : IAsyncLifetime
{
    private const string Thread = "19:supervision@thread.tacv2;messageid=1700000000001";
    private readonly RecordingDelays _clock = new();
    private FakeOpenIdServer _identity = null!;
    private FakeTokenEndpoint _tokens = null!;
    private FakeConnector _connector = null!;
    private TeamsTestHost _host = null!;

    private BotConnectorClient Client => _host.Services.GetRequiredService<BotConnectorClient>();

    public async Task InitializeAsync()
    {
        _identity = await FakeOpenIdServer.StartAsync();
        _tokens = await FakeTokenEndpoint.StartAsync();
        _connector = await FakeConnector.StartAsync();
        _host = await TeamsTestHost.StartAsync(_identity, _tokens, services: s => s.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
        await _tokens.DisposeAsync();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task A_reply_in_a_channel_thread_posts_to_the_URL_encoded_thread_with_a_bearer_token()
    {
        var id = await Client.ReplyAsync(_connector.ServiceUrl, Thread, "1700000000001", Text("hi"), default);

        var call = Assert.Single(_connector.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/connector/v3/conversations/19%3Asupervision%40thread.tacv2%3Bmessageid%3D1700000000001/activities/1700000000001", call.RawPath);
        Assert.Equal("Bearer fake-access-token-1", call.Authorization);
        Assert.Equal("hi", call.Body?["text"]?.GetValue<string>());
        Assert.StartsWith("activity-", id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_puts_the_new_activity_over_the_old_one_and_delete_deletes_it()
    {
        await Client.UpdateAsync(_connector.ServiceUrl + "/", "a:personal", "card-7", Text("answered"), default);
        await Client.DeleteAsync(_connector.ServiceUrl, "a:personal", "card-7", default);

        Assert.Collection(
            _connector.Calls,
            put =>
            {
                Assert.Equal("PUT", put.Method);
                Assert.Equal("/connector/v3/conversations/a%3Apersonal/activities/card-7", put.RawPath);
                Assert.Equal("card-7", put.Body?["id"]?.GetValue<string>());
            },
            delete => Assert.Equal(("DELETE", "/connector/v3/conversations/a%3Apersonal/activities/card-7"), (delete.Method, delete.RawPath)));
    }

    [Fact]
    public async Task Create_conversation_starts_a_proactive_chat_with_the_tenant()
    {
        var created = await Client.CreateConversationAsync(
            _connector.ServiceUrl,
            new ConversationParameters
            {
                IsGroup = false,
                Bot = new ChannelAccount { Id = "28:bot" },
                Members = [new ChannelAccount { Id = "29:alex" }],
                TenantId = "tenant-1",
                ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = "tenant-1" } },
                Activity = Text("A reminder"),
            },
            default);

        var call = Assert.Single(_connector.Calls);
        Assert.Equal(("POST", "/connector/v3/conversations"), (call.Method, call.RawPath));
        Assert.Equal("tenant-1", call.Body?["tenantId"]?.GetValue<string>());
        Assert.Equal("29:alex", call.Body?["members"]?[0]?["id"]?.GetValue<string>());
        Assert.Equal("a:new-conversation", created.Id);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_the_connector_asked_for()
    {
        _connector.FailNext(2, 429, retryAfter: "3");

        var id = await Client.ReplyAsync(_connector.ServiceUrl, "a:personal", "m1", Text("hi"), default);

        Assert.Equal(3, _connector.Calls.Count);
        Assert.NotNull(id);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], _clock.Delays);
    }

    [Fact]
    public async Task A_5xx_is_retried_with_growing_backoff_and_a_4xx_is_not()
    {
        _connector.FailNext(2, 503);
        await Client.SendAsync(_connector.ServiceUrl, "a:personal", Text("hi"), default);
        Assert.Equal(3, _connector.Calls.Count);
        // Base 10 ms (the test host's Teams:RetryBaseDelay): 10-20 ms, then 20-30 ms, jitter on top.
        Assert.InRange(_clock.Delays[0], TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20));
        Assert.InRange(_clock.Delays[1], TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(30));

        _connector.FailNext(1, 403);
        var refused = await Assert.ThrowsAsync<ConnectorException>(() => Client.SendAsync(_connector.ServiceUrl, "a:personal", Text("hi"), default));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(4, _connector.Calls.Count);
    }

    [Fact]
    public async Task A_412_is_retried_as_Microsofts_rate_limit_guidance_asks()
    {
        _connector.FailNext(1, 412);

        var id = await Client.ReplyAsync(_connector.ServiceUrl, "a:personal", "m1", Text("hi"), default);

        Assert.NotNull(id);
        Assert.Equal(2, _connector.Calls.Count);
    }

    [Fact]
    public async Task Throttling_that_never_ends_gives_up_after_the_configured_attempts()
    {
        _connector.FailNext(10, 429, retryAfter: "1");

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Client.SendAsync(_connector.ServiceUrl, "a:personal", Text("hi"), default));

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, failure.StatusCode);
        Assert.Equal(4, _connector.Calls.Count);
    }

    [Fact]
    public async Task Each_retry_and_the_give_up_are_counted_in_the_channel_api_metrics()
    {
        // Only this class makes the fake connector fail, and its tests run one at a time: the counts are this test's.
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == NotesGuard.Conversations.Telemetry.NotesGuardTelemetry.Name && instrument.Name.StartsWith("notesguard.channel_api.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tagged = tags.ToArray();
            if (tagged.Contains(new("notesguard.channel", "msteams")) && tagged.Any(t => t.Value as string == "http_503"))
            {
                counts.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
                // The retries are counted under the request's method, which the retry handler hands to the pipeline.
                counts.AddOrUpdate($"{instrument.Name} {tagged.FirstOrDefault(t => t.Key == "notesguard.operation").Value}", value, (_, sum) => sum + value);
            }
        });
        listener.Start();
        _connector.FailNext(10, 503);

        await Assert.ThrowsAsync<ConnectorException>(() => Client.SendAsync(_connector.ServiceUrl, "a:personal", Text("hi"), default));

        Assert.Equal(4, _connector.Calls.Count);
        Assert.Equal(3, counts.GetValueOrDefault("notesguard.channel_api.retries"));
        Assert.Equal(3, counts.GetValueOrDefault("notesguard.channel_api.retries POST"));
        Assert.Equal(1, counts.GetValueOrDefault("notesguard.channel_api.errors"));
    }

    [Fact]
    public async Task The_token_is_fetched_once_and_reused_from_MSALs_cache()
    {
        for (var i = 0; i < 5; i++)
        {
            await Client.SendAsync(_connector.ServiceUrl, "a:personal", Text($"message {i}"), default);
        }

        Assert.Equal(1, _tokens.TokenRequests);
        Assert.Equal("botframework.com", _tokens.LastTenantPath);
        Assert.Equal("secret", _tokens.LastCredentialKind);
        Assert.All(_connector.Calls, c => Assert.Equal("Bearer fake-access-token-1", c.Authorization));
    }

    [Fact]
    public async Task A_single_tenant_bot_gets_its_token_from_its_own_tenant()
    {
        await using var host = await TeamsTestHost.StartAsync(_identity, _tokens, new Dictionary<string, string?>
        {
            ["Teams:AppType"] = "SingleTenant",
            ["Teams:TenantId"] = "3f2b8c1d-0000-4000-8000-00000000abcd",
        });

        await host.Services.GetRequiredService<BotConnectorClient>().SendAsync(_connector.ServiceUrl, "a:personal", Text("hi"), default);

        Assert.Equal("3f2b8c1d-0000-4000-8000-00000000abcd", _tokens.LastTenantPath);
    }

    [Fact]
    public async Task A_bot_with_a_certificate_signs_a_client_assertion_instead_of_sending_a_secret()
    {
        var pfx = Path.Combine(Directory.CreateTempSubdirectory("notesguard-cert-").FullName, "bot.pfx");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                "CN=notesguard-test", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pfx-password"));
        }

        await using var host = await TeamsTestHost.StartAsync(_identity, _tokens, new Dictionary<string, string?>
        {
            ["Teams:ClientSecret"] = null,
            ["Teams:CertificatePath"] = pfx,
            ["Teams:CertificatePassword"] = "pfx-password",
        });
        await host.Services.GetRequiredService<BotConnectorClient>().SendAsync(_connector.ServiceUrl, "a:personal", Text("hi"), default);

        Assert.Equal("certificate", _tokens.LastCredentialKind);
        Assert.StartsWith("Bearer fake-access-token-", Assert.Single(_connector.Calls).Authorization, StringComparison.Ordinal);
    }

    private static Activity Text(string text) => new() { Type = "message", Text = text };

}
