using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Teams.Connector;
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

    private static IEnumerable<HttpMessageHandler> Chain(HttpMessageHandler handler)
    {
        for (HttpMessageHandler? current = handler; current is not null; current = (current as DelegatingHandler)?.InnerHandler)
        {
            yield return current;
        }
    }
}
