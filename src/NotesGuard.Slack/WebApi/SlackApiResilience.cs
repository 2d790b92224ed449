using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Hosting;
using NotesGuard.Conversations.Telemetry;
using Polly;
using Polly.Timeout;

namespace NotesGuard.Slack.WebApi;

/// <summary>
/// The Web API client's handlers, outermost first: retry (Slack:MaxApiAttempts in all; a 429's Retry-After is waited
/// for unless longer than Slack:MaxRetryAfterSeconds, which gives up at once; 5xx, network failures and attempt
/// timeouts back off from 0.25 s with jitter), a timeout per attempt, then the bearer token. HttpClient.Timeout
/// bounds the whole call, waits included.
/// </summary>
internal static class SlackApiResilience
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromMinutes(3);

    public static IHttpClientBuilder AddSlackApiHandlers(this IHttpClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        // Never follow a redirect: an upload address is checked to be Slack's before the document is sent, and a 307
        // from it would carry the bytes to a host nobody checked (also under a host's own socket or HttpClientHandler).
        client.RefuseRedirects();
        client.AddResilienceHandler("slack-web-api", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
            var clock = context.ServiceProvider.GetRequiredService<TimeProvider>();
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<SlackWebApiClient>();
            if (options.MaxApiAttempts > 1)
            {
                pipeline.AddRetry(Retry(options, clock, logger));
            }

            pipeline.AddTimeout(AttemptTimeout);
        });
        client.AddHttpMessageHandler(() => new SlackBearerHandler());
        return client;
    }

    private static HttpRetryStrategyOptions Retry(SlackOptions options, TimeProvider clock, ILogger logger)
    {
        var longestWait = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        return new()
        {
            MaxRetryAttempts = options.MaxApiAttempts - 1,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                // A wait longer than allowed is not worth holding a worker for: give up with "ratelimited" now.
                { Result.StatusCode: HttpStatusCode.TooManyRequests } => !(RetryAfter.Of(args.Outcome.Result, clock) > longestWait),
                { Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } } => true,
                // Anything else may have reached Slack: a request it must see at most once is not sent again.
                _ when AtMostOnce(args.Context) => false,
                { Exception: HttpRequestException or TimeoutRejectedException } => true,
                { Result: { } response } => (int)response.StatusCode >= 500,
                _ => false,
            }),
            // A 5xx's Retry-After is held to the same longest wait as a 429's.
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                RetryAfter.Of(args.Outcome.Result, clock) is { } wait ? (wait > longestWait ? longestWait : wait) : Backoff(args.AttemptNumber + 1)),
            OnRetry = args =>
            {
                var request = args.Context.GetRequestMessage();
                var method = request is not null && request.Options.TryGetValue(SlackRequestOptions.Method, out var name) ? name : "unknown";
                logger.LogInformation("Slack {Method} will be retried in {Seconds:0.#} s", method, args.RetryDelay.TotalSeconds);
                NotesGuardTelemetry.ChannelApiRetried("slack", method, "transient");
                return ValueTask.CompletedTask;
            },
        };
    }

    private static bool AtMostOnce(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(SlackRequestOptions.AtMostOnce, out var once) && once;

    /// <summary>0.25 s, 0.5 s, 1 s … with jitter so that many workers do not retry in step.</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds((250 << Math.Min(attempt - 1, 6)) * (0.8 + (Random.Shared.NextDouble() * 0.4)));
}
