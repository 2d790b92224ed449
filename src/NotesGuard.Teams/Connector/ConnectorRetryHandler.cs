using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace NotesGuard.Teams.Connector;

/// <summary>
/// Retries for the connector client. A call's first attempt is sent straight, under its own attempt timeout; only
/// when it fails in a way worth retrying (<see cref="ConnectorResilience.IsTransient"/>) does the call go to the Polly
/// pipeline <see cref="ConnectorResilience"/> builds, which is handed that first outcome as its own first attempt and
/// makes the same decisions from it as if it had sent it (Retry-After, backoff, attempt count, the retry log and
/// metrics). What differs: Polly sees the first attempt take no time, and a first attempt that times out is logged
/// here rather than by Polly's timeout strategy.
/// <para>
/// Almost every call succeeds at once, and running each one through the pipeline (its retry and timeout strategies,
/// through Microsoft.Extensions.Http.Resilience's handler) cost about 8% of a Teams turn's CPU (docs/benchmarks.md).
/// The first attempt's timeout is the one thing done here rather than by Polly.
/// </para>
/// </summary>
internal sealed partial class ConnectorRetryHandler(
    ResiliencePipeline<HttpResponseMessage> retries, TimeProvider clock, ILogger logger) : DelegatingHandler
{
    /// <summary>The request being retried, for the retry's log line (its method only).</summary>
    internal static readonly ResiliencePropertyKey<HttpRequestMessage> Request = new("notesguard.connector.request");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var bestEffort = request.Options.TryGetValue(ConnectorRequestOptions.BestEffort, out var once) && once;
        var first = await AttemptAsync(
            request, bestEffort ? ConnectorRequestOptions.BestEffortTimeout : ConnectorResilience.AttemptTimeout, cancellationToken).ConfigureAwait(false);
        // With one attempt allowed the pipeline has no retry, and hands the first outcome back as it is; a best-effort
        // call (typing) gets no retry at all.
        if (bestEffort || !ConnectorResilience.IsTransient(first))
        {
            first.ThrowIfException();
            return first.Result!;
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Request, request);
        var replay = new Replay(this, request, first);
        try
        {
            var outcome = await retries.ExecuteOutcomeAsync(
                static async (attempt, replay) => replay.TakeFirst(out var firstOutcome)
                    ? firstOutcome
                    : await replay.Handler.AttemptWithinPipelineAsync(replay.Request, attempt.CancellationToken).ConfigureAwait(false),
                context,
                replay).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            if (!replay.Taken)
            {
                // Cancelled before the pipeline took the first answer (a 429 or 5xx): nobody else will dispose it,
                // and undisposed it would keep its connection.
                first.Result?.Dispose();
            }
        }
    }

    /// <summary>One attempt with its own timeout, as the pipeline's timeout strategy gives every later one.</summary>
    private async Task<Outcome<HttpResponseMessage>> AttemptAsync(HttpRequestMessage request, TimeSpan attemptTimeout, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(attemptTimeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return Outcome.FromResult(await base.SendAsync(request, linked.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogAttemptTimedOut(logger, request.Method.Method, attemptTimeout.TotalSeconds);
            return Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException("The connector call's first attempt timed out.", attemptTimeout, ex));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Outcome.FromException<HttpResponseMessage>(ex);
        }
    }

    /// <summary>A later attempt, inside the pipeline (whose timeout strategy bounds it).</summary>
    private async Task<Outcome<HttpResponseMessage>> AttemptWithinPipelineAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return Outcome.FromResult(await base.SendAsync(request, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Outcome.FromException<HttpResponseMessage>(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Method}: the first attempt timed out after {Seconds} s")]
    private static partial void LogAttemptTimedOut(ILogger logger, string method, double seconds);

    /// <summary>The pipeline's callback state: the first attempt's outcome, handed over once.</summary>
    private sealed class Replay(ConnectorRetryHandler handler, HttpRequestMessage request, Outcome<HttpResponseMessage> first)
    {
        private int _taken;

        public ConnectorRetryHandler Handler => handler;

        public HttpRequestMessage Request => request;

        public bool Taken => Volatile.Read(ref _taken) == 1;

        public bool TakeFirst(out Outcome<HttpResponseMessage> outcome)
        {
            outcome = first;
            return Interlocked.Exchange(ref _taken, 1) == 0;
        }
    }
}
