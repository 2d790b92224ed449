using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Hosting;
using NotesGuard.Conversations.Telemetry;
using Polly;
using Polly.Timeout;

namespace NotesGuard.Teams.Connector;

/// <summary>
/// The connector client's handlers, outermost first: retry (Teams:MaxSendAttempts, Retry-After honoured up to
/// Teams:MaxRetryDelay, else exponential backoff from Teams:RetryBaseDelay with jitter) with a timeout per attempt
/// (<see cref="ConnectorRetryHandler"/>, Polly's strategies once a first attempt failed), then pacing per
/// conversation, then the bot token. HttpClient.Timeout bounds the whole call, waits included.
/// </summary>
internal static class ConnectorResilience
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Tunes the socket handler under the connector client (a host or test that put its own handler there keeps it
    /// as it is). Connections are pooled for the app's life and recycled every
    /// few minutes (so a DNS change of smba.trafficmanager.net is picked up without rebuilding the handler chain,
    /// hence an infinite handler lifetime); a bounded number per host, so a burst queues for a connection rather than
    /// opening hundreds; HTTP/2 gets more connections when one is full.
    /// </summary>
    public static void Tune(HttpMessageHandler primary, IServiceProvider services)
    {
        if (primary is not SocketsHttpHandler sockets)
        {
            return;
        }

        sockets.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
        sockets.PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1);
        sockets.MaxConnectionsPerServer = 64;
        sockets.EnableMultipleHttp2Connections = true;
        sockets.ConnectTimeout = TimeSpan.FromSeconds(10);

        // The connector answers with a few bytes of JSON; nothing to decompress, no cookies to keep, no redirects.
        sockets.AutomaticDecompression = DecompressionMethods.None;
        sockets.UseCookies = false;
    }

    public static IHttpClientBuilder AddConnectorHandlers(this IHttpClientBuilder client)
    {
        // A reply (a person's walkthrough) never follows a redirect to a host the allow-list never saw.
        client.ConfigurePrimaryHttpMessageHandler(Tune).SetHandlerLifetime(Timeout.InfiniteTimeSpan).RefuseRedirects();
        client.AddHttpMessageHandler(services => new ConnectorRetryHandler(
            Pipeline(services), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILoggerFactory>().CreateLogger<BotConnectorClient>()));
        client.AddHttpMessageHandler(services => new ConversationPacingHandler(services.GetRequiredService<ConversationPacer>()));
        client.AddHttpMessageHandler(services => new BotTokenHandler(services.GetRequiredService<IBotTokenProvider>()));
        return client;
    }

    /// <summary>
    /// Retry (when Teams:MaxSendAttempts allows), then a timeout per attempt, on the app's clock, with Polly's
    /// telemetry; <see cref="ConnectorRetryHandler"/> runs a call through it only after its first attempt failed.
    /// </summary>
    internal static ResiliencePipeline<HttpResponseMessage> Pipeline(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "connector", TimeProvider = clock }
            .ConfigureTelemetry(loggers);
        if (options.MaxSendAttempts > 1)
        {
            pipeline.AddRetry(Retry(options, clock, loggers.CreateLogger<BotConnectorClient>()));
        }

        return pipeline.AddTimeout(AttemptTimeout).Build();
    }

    private static HttpRetryStrategyOptions Retry(TeamsOptions options, TimeProvider clock, ILogger logger) =>
        new()
        {
            MaxRetryAttempts = options.MaxSendAttempts - 1,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                RetryAfterAtMost(args.Outcome.Result, clock, options.MaxRetryDelay) ?? Backoff(args.AttemptNumber + 1, options)),
            OnRetry = args =>
            {
                var method = args.Context.Properties.GetValue(ConnectorRetryHandler.Request, null!)?.Method.Method ?? "unknown";
                var reason = args.Outcome.Result is { } response ? $"http_{(int)response.StatusCode}" : "network";
                logger.LogWarning("Connector {Method} failed ({Reason}); attempt {Attempt}", method, reason, args.AttemptNumber + 1);
                NotesGuardTelemetry.ChannelApiRetried("msteams", method, reason);
                return ValueTask.CompletedTask;
            },
        };

    /// <summary>
    /// 429, 412 and 5xx (but 501: the connector will never do it), network failures and attempt timeouts. Microsoft's
    /// Teams rate-limit guidance asks bots to retry 412, 502 and 504 as well as 429.
    /// </summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
            || ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.NotImplemented),
        _ => false,
    };

    /// <summary>Exponential backoff with jitter on top, so many instances do not retry in step.</summary>
    private static TimeSpan Backoff(int attempt, TeamsOptions options)
    {
        var delay = (options.RetryBaseDelay * Math.Pow(2, attempt - 1)) + (options.RetryBaseDelay * Random.Shared.NextDouble());
        return delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay;
    }

    /// <summary>The Retry-After wait, at most <paramref name="max"/>.</summary>
    private static TimeSpan? RetryAfterAtMost(HttpResponseMessage? response, TimeProvider clock, TimeSpan max)
    {
        var wait = RetryAfter.Of(response, clock);
        return wait > max ? max : wait;
    }
}
