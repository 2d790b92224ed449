using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
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
    public async Task The_pipeline_counts_the_first_attempt_as_its_own_so_the_waits_and_sends_are_as_before()
    {
        var failing = new TrackedContent();
        var connector = new Scripted(Answer(HttpStatusCode.ServiceUnavailable, failing), Answer(HttpStatusCode.ServiceUnavailable), Answer(HttpStatusCode.OK));
        var clock = new QuickTimeouts();

        using var response = await Send(connector, attempts: 3, clock: clock);

        // Three sends in all, and two waits: after the first attempt (10-20 ms) and the second (20-30 ms). Without the
        // hand-over the pipeline would send its own first attempt after the handler's and wait once less.
        Assert.Equal((HttpStatusCode.OK, 3), (response.StatusCode, connector.Calls));
        Assert.Equal(2, clock.Waits.Count);
        Assert.InRange(clock.Waits[0], TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20));
        Assert.InRange(clock.Waits[1], TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(30));
        Assert.True(failing.Disposed);
    }

    [Fact]
    public async Task A_failed_first_answer_is_disposed_when_the_caller_cancels_before_the_retries()
    {
        using var cancel = new CancellationTokenSource();
        var failing = new TrackedContent();
        var connector = new Scripted(_ =>
        {
            cancel.Cancel();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = failing });
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Send(connector, attempts: 3, cancellationToken: cancel.Token));

        Assert.Equal(1, connector.Calls);
        Assert.True(failing.Disposed);
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

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Send(hanging, attempts: 3, cancellationToken: cancel.Token));

        Assert.Equal(1, hanging.Calls);
    }

    private static async Task<HttpResponseMessage> Send(Scripted connector, int attempts, QuickTimeouts? clock = null, CancellationToken cancellationToken = default)
    {
        clock ??= new QuickTimeouts();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .Configure<TeamsOptions>(o =>
            {
                o.MaxSendAttempts = attempts;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            })
            .BuildServiceProvider();
        var handler = new ConnectorRetryHandler(ConnectorResilience.Pipeline(services), clock, NullLogger.Instance) { InnerHandler = connector };
        using var invoker = new HttpMessageInvoker(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://smba.example/v3/conversations/a/activities");
        return await invoker.SendAsync(request, cancellationToken);
    }

    private static Func<CancellationToken, Task<HttpResponseMessage>> Answer(HttpStatusCode status, HttpContent? content = null) =>
        _ => Task.FromResult(new HttpResponseMessage(status) { Content = content ?? new ByteArrayContent([]) });

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

    /// <summary>A response body that remembers being disposed (a response left undisposed keeps its connection).</summary>
    private sealed class TrackedContent() : ByteArrayContent([])
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    /// <summary>
    /// A clock whose timeouts (a CancellationTokenSource's timer) end after 50 ms and whose waits (retry backoff) end at
    /// once but are recorded.
    /// </summary>
    private sealed class QuickTimeouts : TimeProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<TimeSpan> _waits = new();

        public IReadOnlyList<TimeSpan> Waits => [.. _waits];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (period == Timeout.InfiniteTimeSpan && dueTime > TimeSpan.Zero)
            {
                if (state is not CancellationTokenSource)
                {
                    _waits.Enqueue(dueTime);
                }

                dueTime = state is CancellationTokenSource ? TimeSpan.FromMilliseconds(50) : TimeSpan.Zero;
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
