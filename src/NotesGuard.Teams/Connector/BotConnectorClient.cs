using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Telemetry;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Connector;

/// <summary>
/// The Bot Connector REST API (v3) at an activity's serviceUrl: reply, send, update, delete, create
/// conversation. Every call is paced per conversation and retried on 429/5xx with backoff and jitter,
/// honouring Retry-After. Conversation and activity ids are URL-encoded (channel threads hold ';' and '=').
/// Every call, inbound reply or proactive post from a stored reference, first checks the serviceUrl against
/// the allow-list, before a token is even fetched.
/// </summary>
public sealed class BotConnectorClient
{
    private readonly HttpClient _http;
    private readonly IBotTokenProvider _tokens;
    private readonly ConversationPacer _pacer;
    private readonly TeamsOptions _options;
    private readonly ILogger<BotConnectorClient> _logger;
    private readonly TimeProvider _clock;
    private readonly ServiceUrlAllowList _serviceUrls;

    internal BotConnectorClient(
        HttpClient http,
        IBotTokenProvider tokens,
        ServiceUrlAllowList serviceUrls,
        ConversationPacer pacer,
        IOptions<TeamsOptions> options,
        ILogger<BotConnectorClient> logger,
        TimeProvider clock)
    {
        _clock = clock;
        _http = http;
        _tokens = tokens;
        _serviceUrls = serviceUrls;
        _pacer = pacer;
        _options = options.Value;
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
            HttpMethod.Post, uri, pacingKey, Serialize(parameters, TeamsJsonContext.Default.ConversationParameters), cancellationToken);
        return await ReadAsync(response, TeamsJsonContext.Default.ConversationResourceResponse, cancellationToken)
            ?? throw new ConnectorException(response.StatusCode, "create conversation returned no body");
    }

    private async Task<string?> SendForIdAsync(HttpMethod method, Uri uri, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        using var response = await CallAsync(method, uri, conversationId, Serialize(activity, TeamsJsonContext.Default.Activity), cancellationToken);
        return (await ReadAsync(response, TeamsJsonContext.Default.ResourceResponse, cancellationToken))?.Id;
    }

    private async Task<HttpResponseMessage> CallAsync(HttpMethod method, Uri uri, string pacingKey, byte[]? body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await _pacer.WaitTurnAsync(pacingKey, cancellationToken);
            using var request = new HttpRequestMessage(method, uri);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }

            var token = await _tokens.GetTokenAsync(cancellationToken);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            HttpResponseMessage? response = null;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex) when (attempt < _options.MaxSendAttempts)
            {
                _logger.LogWarning("Connector {Method} failed ({Error}); attempt {Attempt}", method, ex.HttpRequestError, attempt);
            }
            catch (HttpRequestException ex)
            {
                throw Failed(method, null, $"connector {method} failed: {ex.HttpRequestError}");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient's own timeout, not ours: a slow connector is worth another try.
                if (attempt >= _options.MaxSendAttempts)
                {
                    throw Failed(method, null, $"connector {method} timed out");
                }

                _logger.LogWarning("Connector {Method} timed out; attempt {Attempt}", method, attempt);
            }

            if (response is not null)
            {
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                var status = response.StatusCode;
                var retryAfter = RetryAfter(response);
                response.Dispose();
                if (!IsTransient(status) || attempt >= _options.MaxSendAttempts)
                {
                    throw Failed(method, status, $"connector {method} answered {(int)status}");
                }

                _logger.LogWarning("Connector {Method} answered {Status}; attempt {Attempt}", method, (int)status, attempt);
                NotesGuardTelemetry.ChannelApiRetried("msteams", method.Method, $"http_{(int)status}");
                await Task.Delay(retryAfter ?? Backoff(attempt), _clock, cancellationToken);
                continue;
            }

            NotesGuardTelemetry.ChannelApiRetried("msteams", method.Method, "network");
            await Task.Delay(Backoff(attempt), _clock, cancellationToken);
        }
    }

    private static ConnectorException Failed(HttpMethod method, HttpStatusCode? status, string message)
    {
        NotesGuardTelemetry.ChannelApiFailed("msteams", method.Method, status is null ? "network" : $"http_{(int)status}");
        return new ConnectorException(status, message);
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || ((int)status >= 500 && status != HttpStatusCode.NotImplemented);

    /// <summary>Exponential backoff with full jitter on top, so many instances do not retry in step.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.RetryBaseDelay * Math.Pow(2, attempt - 1);
        var jitter = _options.RetryBaseDelay * Random.Shared.NextDouble();
        var delay = exponential + jitter;
        return delay > _options.MaxRetryDelay ? _options.MaxRetryDelay : delay;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - _clock.GetUtcNow() : null);
        if (wait is null)
        {
            return null;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > _options.MaxRetryDelay ? _options.MaxRetryDelay : wait;
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
        if (!_serviceUrls.IsAllowed(serviceUrl))
        {
            throw new ConnectorException(null, "the serviceUrl is not on Teams:AllowedServiceUrls");
        }

        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ConnectorException(null, "the activity's serviceUrl is not an absolute http(s) URL");
        }

        // The playground's serviceUrl has no trailing slash; Teams' has one. Join with exactly one.
        return new Uri(serviceUrl.TrimEnd('/') + "/" + path);
    }
}
