using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Teams.Connector;
using Polly.Timeout;

namespace NotesGuard.Teams.Tests;

/// <summary>
/// The connector's retry handler on its own: the first attempt goes out straight, with its own attempt timeout, and
/// only a failure worth retrying goes on to Polly's retries (OutboundTests covers their waits and counts through the
/// whole client). Each test scripts what the connector does per attempt.
/// </summary>
public sealed class ConnectorRetryHandlerTests
{
    [Fact]
    public async Task A_first_attempt_that_hangs_past_the_attempt_timeout_is_cancelled_and_retried()
    {
        var connector = new Scripted(Hang, Answer(HttpStatusCode.Created));

        using var response = await Send(connector, attempts: 3);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, connector.Calls);
        Assert.True(connector.Tokens[0].IsCancellationRequested);
    }

    [Fact]
    public async Task A_call_answered_at_once_is_sent_once_and_a_refusal_is_not_retried()
    {
        var ok = new Scripted(Answer(HttpStatusCode.OK));
        var refused = new Scripted(Answer(HttpStatusCode.Forbidden), Answer(HttpStatusCode.OK));

        using var first = await Send(ok, attempts: 3);
        using var second = await Send(refused, attempts: 3);

        Assert.Equal((HttpStatusCode.OK, 1), (first.StatusCode, ok.Calls));
        Assert.Equal((HttpStatusCode.Forbidden, 1), (second.StatusCode, refused.Calls));
    }

    [Fact]
    public async Task A_5xx_or_a_network_failure_on_the_first_attempt_goes_on_to_the_retries()
    {
        var broken = new Scripted(Answer(HttpStatusCode.ServiceUnavailable), Answer(HttpStatusCode.OK));
        var unreachable = new Scripted(_ => throw new HttpRequestException("connection refused"), Answer(HttpStatusCode.OK));

        using var afterBroken = await Send(broken, attempts: 3);
        using var afterUnreachable = await Send(unreachable, attempts: 3);

        Assert.Equal((HttpStatusCode.OK, 2), (afterBroken.StatusCode, broken.Calls));
        Assert.Equal((HttpStatusCode.OK, 2), (afterUnreachable.StatusCode, unreachable.Calls));
    }

    [Fact]
    public async Task With_one_attempt_allowed_the_first_outcome_is_the_answer()
    {
        var broken = new Scripted(Answer(HttpStatusCode.ServiceUnavailable), Answer(HttpStatusCode.OK));
        var hanging = new Scripted(Hang, Answer(HttpStatusCode.OK));

        using var response = await Send(broken, attempts: 1);
        await Assert.ThrowsAsync<TimeoutRejectedException>(() => Send(hanging, attempts: 1));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, 1), (response.StatusCode, broken.Calls));
        Assert.Equal(1, hanging.Calls);
    }

    [Fact]
    public async Task A_call_cancelled_by_its_caller_stops_without_a_retry()
    {
        using var cancel = new CancellationTokenSource();
        // The caller gives up while the first attempt is in flight (well before its attempt timeout).
        var hanging = new Scripted(token => { cancel.Cancel(); return Hang(token); }, Answer(HttpStatusCode.OK));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Send(hanging, attempts: 3, cancel.Token));

        Assert.Equal(1, hanging.Calls);
    }

    private static async Task<HttpResponseMessage> Send(Scripted connector, int attempts, CancellationToken cancellationToken = default)
    {
        var clock = new QuickTimeouts();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .Configure<TeamsOptions>(o =>
            {
                o.MaxSendAttempts = attempts;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            })
            .BuildServiceProvider();
        var handler = new ConnectorRetryHandler(ConnectorResilience.Pipeline(services), attempts > 1, clock) { InnerHandler = connector };
        using var invoker = new HttpMessageInvoker(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://smba.example/v3/conversations/a/activities");
        return await invoker.SendAsync(request, cancellationToken);
    }

    private static Func<CancellationToken, Task<HttpResponseMessage>> Answer(HttpStatusCode status) =>
        _ => Task.FromResult(new HttpResponseMessage(status));

    private static async Task<HttpResponseMessage> Hang(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>A connector answering each attempt as scripted, recording the token each attempt was given.</summary>
    private sealed class Scripted(params Func<CancellationToken, Task<HttpResponseMessage>>[] attempts) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        public List<CancellationToken> Tokens { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref _calls) - 1;
            lock (Tokens)
            {
                Tokens.Add(cancellationToken);
            }

            return attempts[Math.Min(attempt, attempts.Length - 1)](cancellationToken);
        }
    }

    /// <summary>A clock whose timeouts (a CancellationTokenSource's timer) end after 50 ms and whose waits end at once.</summary>
    private sealed class QuickTimeouts : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (period == Timeout.InfiniteTimeSpan && dueTime > TimeSpan.Zero)
            {
                dueTime = state is CancellationTokenSource ? TimeSpan.FromMilliseconds(50) : TimeSpan.Zero;
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
