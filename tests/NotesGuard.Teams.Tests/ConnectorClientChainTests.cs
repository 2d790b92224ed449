using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Teams.Connector;
using NotesGuard.Teams.Schema;
using NotesGuard.Teams.Tests.Infrastructure;

namespace NotesGuard.Teams.Tests;

/// <summary>
/// What every connector call passes through: retries, pacing, the token, then a pooled socket handler — and no
/// HttpClient logging handler, which would cost each call two log events and write connector URLs (conversation ids).
/// </summary>
public sealed class ConnectorClientChainTests
{
    [Fact]
    public async Task The_connector_client_has_no_logging_handler_and_a_tuned_socket_pool()
    {
        await using var host = await TeamsTestHost.StartAsync();
        var factory = host.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        var chain = Chain(factory.CreateHandler(TeamsChannelExtensions.ConnectorClientName)).ToList();

        Assert.DoesNotContain(chain, h => h.GetType().Name.Contains("Logging", StringComparison.Ordinal));
        Assert.Contains(chain, h => h is ConversationPacingHandler);
        Assert.Contains(chain, h => h is BotTokenHandler);
        // One retry layer (the resilience handler it replaced is gone), outermost, so each attempt is paced and
        // carries a fresh token.
        Assert.DoesNotContain(chain, h => h.GetType().Name.Contains("Resilience", StringComparison.Ordinal));
        var retry = chain.FindIndex(h => h is ConnectorRetryHandler);
        Assert.InRange(retry, 0, chain.FindIndex(h => h is ConversationPacingHandler) - 1);
        Assert.True(chain.FindIndex(h => h is ConversationPacingHandler) < chain.FindIndex(h => h is BotTokenHandler));
        var sockets = Assert.IsType<SocketsHttpHandler>(chain[^1]);
        Assert.Equal(TimeSpan.FromMinutes(5), sockets.PooledConnectionLifetime);
        Assert.Equal(64, sockets.MaxConnectionsPerServer);
        Assert.True(sockets.EnableMultipleHttp2Connections);
    }

    [Theory]
    [InlineData("the shipped socket handler")]
    [InlineData("a host's own HttpClientHandler")]
    [InlineData("a host's own handler wrapping an HttpClientHandler")]
    public async Task A_redirect_from_the_connector_is_not_followed_so_a_reply_goes_nowhere_else(string primary)
    {
        // A connector host on the allow-list (loopback, in the test host) answers 307 towards another host; that
        // host would receive the reply's body if the redirect were followed.
        var elsewhere = new ConcurrentQueue<string>();
        var (other, otherAddress) = await LoopbackServer.StartAsync(app => app.Map("/{**path}", (HttpContext context) =>
        {
            elsewhere.Enqueue(context.Request.Path);
            return Results.Json(new { id = "taken" });
        }));
        var (redirecting, redirectingAddress) = await LoopbackServer.StartAsync(app => app.Map("/{**path}", () =>
            Results.Redirect(new Uri(otherAddress, "stolen").ToString(), permanent: false, preserveMethod: true)));
        await using var _ = other;
        await using var __ = redirecting;
        await using var host = await TeamsTestHost.StartAsync(services: primary switch
        {
            "the shipped socket handler" => null,
            "a host's own HttpClientHandler" => s => s.AddHttpClient(TeamsChannelExtensions.ConnectorClientName).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler()),
            _ => s => s.AddHttpClient(TeamsChannelExtensions.ConnectorClientName).ConfigurePrimaryHttpMessageHandler(() => new PassThrough(new HttpClientHandler())),
        });
        var client = host.Services.GetRequiredService<BotConnectorClient>();

        var failure = await Assert.ThrowsAsync<ConnectorException>(() =>
            client.SendAsync(new Uri(redirectingAddress, "connector").ToString(), "a:personal", new Activity { Type = "message", Text = "hi" }, default));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, failure.StatusCode);
        Assert.Empty(elsewhere);
    }

    /// <summary>A host's own handler in front of the one that sends (a proxy's, say).</summary>
    private sealed class PassThrough(HttpMessageHandler inner) : DelegatingHandler(inner);

    private static IEnumerable<HttpMessageHandler> Chain(HttpMessageHandler handler)
    {
        for (HttpMessageHandler? current = handler; current is not null; current = (current as DelegatingHandler)?.InnerHandler)
        {
            yield return current;
        }
    }
}
