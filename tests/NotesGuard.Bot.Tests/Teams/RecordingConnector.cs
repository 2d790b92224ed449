using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Bot.Tests.Teams;

/// <summary>A loopback Bot Connector that records what the bot sends (typing indicators aside).</summary>
public sealed class RecordingConnector : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Method, string Path, JsonNode? Body)> _calls = new();
    private WebApplication _app = null!;
    private int _ids;

    public string ServiceUrl { get; private set; } = "";

    public IReadOnlyList<(string Method, string Path, JsonNode? Body)> Messages =>
        [.. _calls.Where(c => c.Body?["type"]?.GetValue<string>() != "typing")];

    public static async Task<RecordingConnector> StartAsync()
    {
        var connector = new RecordingConnector();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        connector._app = builder.Build();
        connector._app.Map("/{**path}", async (HttpContext context) =>
        {
            var body = context.Request.ContentLength > 0 ? await JsonNode.ParseAsync(context.Request.Body) : null;
            connector._calls.Enqueue((context.Request.Method, context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget, body));
            context.Response.StatusCode = context.Request.Method == "POST" ? 201 : 200;
            await context.Response.WriteAsJsonAsync(new { id = $"activity-{Interlocked.Increment(ref connector._ids)}" });
        });
        connector.ServiceUrl = new Uri(await LoopbackAddress.StartAsync(connector._app), "teams").ToString();
        return connector;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
