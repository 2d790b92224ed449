using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Bot.Tests.Infrastructure;

/// <summary>
/// One request the bot made to the connector. <paramref name="RawPath"/> is the path as sent (conversation ids
/// percent-encoded), <paramref name="Path"/> the same decoded; members look-ups and deletes have no body.
/// </summary>
public sealed record ConnectorCall(string Method, string RawPath, string Path, JsonNode? Body);

/// <summary>
/// A loopback Bot Connector that records every request the bot sends and answers 201/200 with a fresh activity id,
/// unless told otherwise: a conversation can be made to answer a chosen status (a channel that has since refused
/// the bot answers 403), and a members look-up can say someone is not in the chat.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    private readonly ConcurrentQueue<ConnectorCall> _calls = new();
    private readonly ConcurrentDictionary<string, int> _statusFor = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _notMembers = new(StringComparer.Ordinal);
    private WebApplication _app = null!;
    private int _ids;

    public string ServiceUrl { get; private set; } = "";

    /// <summary>Every request, typing indicators included, in the order they came.</summary>
    public IReadOnlyList<ConnectorCall> Requests => [.. _calls];

    /// <summary>Every request but typing indicators.</summary>
    public IReadOnlyList<ConnectorCall> Messages => [.. _calls.Where(c => c.Body?["type"]?.GetValue<string>() != "typing")];

    public IReadOnlyList<JsonNode?> MessagesTo(string conversationId) =>
        [.. Messages.Where(m => m.Path.Contains($"/conversations/{conversationId}/", StringComparison.Ordinal)).Select(m => m.Body)];

    public void Answer(string conversationId, int status) => _statusFor[conversationId] = status;

    /// <summary>GET …/conversations/{id}/members/{userId} answers 404 for this user, as Teams does for someone not in the chat.</summary>
    public void NotMember(string conversationId, string userId) => _notMembers[$"/conversations/{conversationId}/members/{userId}"] = true;

    public static async Task<FakeBotConnector> StartAsync()
    {
        var connector = new FakeBotConnector();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        connector._app = builder.Build();
        connector._app.Map("/{**path}", async (HttpContext context) =>
        {
            var body = context.Request.ContentLength > 0 ? await JsonNode.ParseAsync(context.Request.Body) : null;
            var rawPath = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
            var path = Uri.UnescapeDataString(rawPath);
            connector._calls.Enqueue(new ConnectorCall(context.Request.Method, rawPath, path, body));
            if (context.Request.Method == "GET" && connector._notMembers.Keys.Any(k => path.EndsWith(k, StringComparison.Ordinal)))
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsJsonAsync(new { error = new { code = "MemberNotFoundInConversation", message = "not a member" } });
                return;
            }

            var scripted = connector._statusFor.FirstOrDefault(s => path.Contains($"/conversations/{s.Key}/", StringComparison.Ordinal));
            if (scripted.Key is not null)
            {
                context.Response.StatusCode = scripted.Value;
                await context.Response.WriteAsJsonAsync(new { error = new { code = "BotNotInConversationRoster", message = "refused" } });
                return;
            }

            context.Response.StatusCode = context.Request.Method == "POST" ? 201 : 200;
            await context.Response.WriteAsJsonAsync(new { id = $"activity-{Interlocked.Increment(ref connector._ids)}" });
        });
        connector.ServiceUrl = new Uri(await LoopbackAddress.StartAsync(connector._app), "teams").ToString();
        return connector;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
