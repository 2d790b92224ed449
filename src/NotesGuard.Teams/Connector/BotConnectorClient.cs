using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using NotesGuard.Conversations.Telemetry;
using NotesGuard.Teams.Schema;
using Polly.Timeout;

namespace NotesGuard.Teams.Connector;

/// <summary>
/// The Bot Connector REST API (v3) at an activity's serviceUrl: reply, send, update, delete, create
/// conversation. Every call is paced per conversation and retried on 429/5xx with backoff and jitter,
/// honouring Retry-After, by the resilience and pacing handlers of its HttpClient (ConnectorResilience). Conversation and activity ids are URL-encoded (channel threads hold ';' and '=').
/// Every call, inbound reply or proactive post from a stored reference, first checks the serviceUrl against
/// the allow-list, before a token is even fetched.
/// </summary>
public sealed class BotConnectorClient
{
    private readonly HttpClient _http;
    private readonly ILogger<BotConnectorClient> _logger;
    private readonly ServiceUrlAllowList _serviceUrls;

    // The allow-list's verdict per service URL (the settings cannot change while the app runs), so a turn's calls
    // do not parse and check the same URL again and again.
    private const int MaxCheckedServiceUrls = 1_000;
    private readonly ConcurrentDictionary<string, CheckedServiceUrl> _checkedServiceUrls = new(StringComparer.Ordinal);

    /// <param name="http">The client built with <see cref="ConnectorResilience.AddConnectorHandlers"/>.</param>
    internal BotConnectorClient(HttpClient http, ServiceUrlAllowList serviceUrls, ILogger<BotConnectorClient> logger)
    {
        _http = http;
        _serviceUrls = serviceUrls;
        _logger = logger;
    }

    /// <summary>POST v3/conversations/{id}/activities/{replyToId}: a reply (in a channel, in the thread).</summary>
    public async Task<string?> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken)
    {
        var uri = Build(serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}");
        return await SendForIdAsync(HttpMethod.Post, uri, conversationId, activity, cancellationToken);
    }

    /// <summary>POST v3/conversations/{id}/activities: a new message in the conversation.</summary>
    public async Task<string?> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var uri = Build(serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities");
        return await SendForIdAsync(HttpMethod.Post, uri, conversationId, activity, cancellationToken);
    }

    /// <summary>
    /// POST v3/conversations/{id}/activities for something whose id nobody needs and whose loss costs only a cosmetic
    /// (a typing indicator): the answer's body is not read, and it gets one short try, never a retry
    /// (<see cref="ConnectorRequestOptions.BestEffort"/>).
    /// </summary>
    public async Task SendBestEffortAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var uri = Build(serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities");
        using var response = await CallAsync(HttpMethod.Post, uri, conversationId, Serialize(activity, TeamsJsonContext.Default.Activity), cancellationToken, bestEffort: true);
    }

    /// <summary>PUT v3/conversations/{id}/activities/{activityId}: replace a message the bot sent (e.g. a clicked card).</summary>
    public async Task UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        var uri = Build(serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}");
        activity.Id = activityId;
        using var response = await CallAsync(HttpMethod.Put, uri, conversationId, Serialize(activity, TeamsJsonContext.Default.Activity), cancellationToken);
    }

    public async Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var uri = Build(serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}");
        using var response = await CallAsync(HttpMethod.Delete, uri, conversationId, null, cancellationToken);
    }

    /// <summary>
    /// GET v3/conversations/{id}/members/{userId}: whether Teams lists the user as a member of the conversation (or,
    /// for a channel, of its team). Only an answer naming the member counts; 404, 403 and 400 mean not a member.
    /// </summary>
    public async Task<bool> IsMemberAsync(string serviceUrl, string conversationId, string userId, CancellationToken cancellationToken)
    {
        var uri = Build(serviceUrl, $"v3/conversations/{Escape(conversationId)}/members/{Escape(userId)}");
        try
        {
            using var response = await CallAsync(HttpMethod.Get, uri, conversationId, null, cancellationToken);
            return true;
        }
        catch (ConnectorException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest)
        {
            return false;
        }
    }

    /// <summary>POST v3/conversations: a proactive 1:1 chat, or a new thread in a channel.</summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(
        string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        var uri = Build(serviceUrl, "v3/conversations");
        var pacingKey = parameters.ChannelData?.Channel?.Id ?? parameters.Members?.FirstOrDefault()?.Id ?? "create";
        using var response = await CallAsync(
            HttpMethod.Post, uri, pacingKey, Serialize(parameters, TeamsJsonContext.Default.ConversationParameters), cancellationToken, readsBody: true);
        return await ReadAsync(response, TeamsJsonContext.Default.ConversationResourceResponse, cancellationToken)
            ?? throw new ConnectorException(response.StatusCode, "create conversation returned no body");
    }

    private async Task<string?> SendForIdAsync(HttpMethod method, Uri uri, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        using var response = await CallAsync(method, uri, conversationId, Serialize(activity, TeamsJsonContext.Default.Activity), cancellationToken, readsBody: true);
        return (await ReadAsync(response, TeamsJsonContext.Default.ResourceResponse, cancellationToken))?.Id;
    }

    private async Task<HttpResponseMessage> CallAsync(
        HttpMethod method, Uri uri, string pacingKey, byte[]? body, CancellationToken cancellationToken, bool readsBody = false, bool bestEffort = false)
    {
        // Retries, pacing and the token are the client's handlers (ConnectorResilience); this only sends and judges.
        using var request = new HttpRequestMessage(method, uri);
        request.Options.Set(ConnectorRequestOptions.PacingKey, pacingKey);
        if (bestEffort)
        {
            request.Options.Set(ConnectorRequestOptions.BestEffort, true);
        }
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        HttpResponseMessage response;
        try
        {
            // A body nobody reads is not buffered either: the handler drains it (bounded) when the response is disposed.
            // One that is read is buffered within the client's timeout, so a stalled body cannot hold a turn forever.
            response = await _http.SendAsync(
                request, readsBody ? HttpCompletionOption.ResponseContentRead : HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw Failed(method, null, $"connector {method} failed: {ex.HttpRequestError}");
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // An attempt's timeout, or HttpClient.Timeout over the whole call with its retries.
            throw Failed(method, null, $"connector {method} timed out");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        var status = response.StatusCode;
        response.Dispose();
        _logger.LogWarning("Connector {Method} answered {Status}; giving up", method, (int)status);
        throw Failed(method, status, $"connector {method} answered {(int)status}");
    }

    private static ConnectorException Failed(HttpMethod method, HttpStatusCode? status, string message)
    {
        NotesGuardTelemetry.ChannelApiFailed("msteams", method.Method, status is null ? "network" : $"http_{(int)status}");
        return new ConnectorException(status, message);
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (response.Content.Headers.ContentLength == 0)
        {
            return null;
        }

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Serialize<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    private static string Escape(string id) => Uri.EscapeDataString(id);

    private Uri Build(string serviceUrl, string path)
    {
        if (!_checkedServiceUrls.TryGetValue(serviceUrl, out var checkedUrl))
        {
            checkedUrl = Check(serviceUrl);
            // Teams uses a handful of service URLs; the bound only keeps arbitrary ones from growing the map.
            if (_checkedServiceUrls.Count < MaxCheckedServiceUrls)
            {
                _checkedServiceUrls.TryAdd(serviceUrl, checkedUrl);
            }
        }

        if (checkedUrl.Refusal is not null)
        {
            throw new ConnectorException(null, checkedUrl.Refusal);
        }

        return new Uri(checkedUrl.Base!, path);
    }

    /// <summary>The allow-list's verdict on a service URL and its base for the API paths (ending in exactly one '/').</summary>
    private CheckedServiceUrl Check(string serviceUrl)
    {
        if (!_serviceUrls.IsAllowed(serviceUrl))
        {
            return new CheckedServiceUrl(null, "the serviceUrl is not on Teams:AllowedServiceUrls");
        }

        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            return new CheckedServiceUrl(null, "the activity's serviceUrl is not an absolute http(s) URL");
        }

        // The playground's serviceUrl has no trailing slash; Teams' has one. Join with exactly one.
        return new CheckedServiceUrl(new Uri(serviceUrl.TrimEnd('/') + "/"), null);
    }

    private sealed record CheckedServiceUrl(Uri? Base, string? Refusal);
}
