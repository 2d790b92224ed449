using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace NotesGuard.Teams.Tests.Infrastructure;

/// <summary>One call the bot made to the connector: the raw (still URL-encoded) path, body and auth header.</summary>
public sealed record ConnectorCall(string Method, string RawPath, JsonNode? Body, string? Authorization)
{
    public string? ActivityType => Body?["type"]?.GetValue<string>();

    public JsonNode? Card => Body?["attachments"]?[0]?["content"];
}

/// <summary>
/// A loopback Bot Connector that records every call and answers like Teams (POST 201 with an id, PUT 200).
/// Tests can make the next calls fail (e.g. 429 with Retry-After) to exercise retries.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _failures = new();
    private WebApplication? _app;
    private int _ids;

    /// <summary>The serviceUrl to put on activities (no trailing slash, like the playground's).</summary>
    public string ServiceUrl { get; private set; } = "";

    public IReadOnlyList<ConnectorCall> Calls => [.. _calls];

    /// <summary>Calls other than typing indicators.</summary>
    public IReadOnlyList<ConnectorCall> Messages => [.. _calls.Where(c => c.ActivityType != "typing")];

    public static async Task<FakeConnector> StartAsync()
    {
        var fake = new FakeConnector();
        Uri baseAddress;
        (fake._app, baseAddress) = await LoopbackServer.StartAsync(app => app.Map("/{**path}", fake.HandleAsync));
        fake.ServiceUrl = new Uri(baseAddress, "connector").ToString();
        return fake;
    }

    public void FailNext(int count, int status, string? retryAfter = null)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue((status, retryAfter));
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var raw = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        JsonNode? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body);
            }
            catch (JsonException)
            {
                context.Response.StatusCode = 400;
                return;
            }
        }

        _calls.Enqueue(new ConnectorCall(context.Request.Method, raw, body, context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null));
        if (_failures.TryDequeue(out var failure))
        {
            context.Response.StatusCode = failure.Status;
            if (failure.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = failure.RetryAfter;
            }

            return;
        }

        var id = $"activity-{Interlocked.Increment(ref _ids)}";
        if (context.Request.Method == "POST" && raw.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(new { id = "a:new-conversation", activityId = id });
            return;
        }

        context.Response.StatusCode = context.Request.Method == "POST" ? 201 : 200;
        if (context.Request.Method != "DELETE")
        {
            await context.Response.WriteAsJsonAsync(new { id });
        }
    }

    /// <summary>Waits (bounded) until at least <paramref name="count"/> non-typing calls arrived.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForMessagesAsync(int count)
    {
        for (var i = 0; i < 100 && Messages.Count < count; i++)
        {
            await Task.Delay(50);
        }

        return Messages;
    }

    /// <summary>Waits (bounded) until the calls so far satisfy <paramref name="done"/>.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForCallsAsync(Func<IReadOnlyList<ConnectorCall>, bool> done)
    {
        for (var i = 0; i < 200 && !done(Calls); i++)
        {
            await Task.Delay(25);
        }

        return Calls;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
