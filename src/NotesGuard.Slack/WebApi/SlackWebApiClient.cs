using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Telemetry;
using Polly.Timeout;

namespace NotesGuard.Slack.WebApi;

/// <summary>
/// Slack's Web API over JSON with the bot token as bearer. The HttpClient's handlers (SlackApiResilience) honour
/// 429 Retry-After and retry 5xx and network failures with backoff; this class logs each give-up, and ok:false,
/// by method and error code only — never the token or the text.
/// </summary>
public sealed class SlackWebApiClient(HttpClient http, IOptions<SlackOptions> options, ILogger<SlackWebApiClient> logger)
{
    private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    public Task<SlackApiResult> PostMessageAsync(string token, JsonObject body, CancellationToken cancellationToken = default) =>
        CallAsync("chat.postMessage", token, body, cancellationToken);

    public Task<SlackApiResult> UpdateAsync(string token, JsonObject body, CancellationToken cancellationToken = default) =>
        CallAsync("chat.update", token, body, cancellationToken);

    public Task<SlackApiResult> PostEphemeralAsync(string token, JsonObject body, CancellationToken cancellationToken = default) =>
        CallAsync("chat.postEphemeral", token, body, cancellationToken);

    public Task<SlackApiResult> OpenViewAsync(string token, string triggerId, JsonObject view, CancellationToken cancellationToken = default) =>
        CallAsync("views.open", token, new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, cancellationToken);

    public Task<SlackApiResult> UpdateViewAsync(string token, string viewId, JsonObject view, CancellationToken cancellationToken = default) =>
        CallAsync("views.update", token, new JsonObject { ["view_id"] = viewId, ["view"] = view }, cancellationToken);

    public Task<SlackApiResult> PublishViewAsync(string token, string userId, JsonObject view, CancellationToken cancellationToken = default) =>
        CallAsync("views.publish", token, new JsonObject { ["user_id"] = userId, ["view"] = view }, cancellationToken);

    /// <summary>Opens (or finds) the direct message between the bot and a user; needs the im:write scope.</summary>
    public Task<SlackApiResult> OpenDirectMessageAsync(string token, string userId, CancellationToken cancellationToken = default) =>
        CallAsync("conversations.open", token, new JsonObject { ["users"] = userId }, cancellationToken);

    /// <summary>auth.test: which workspace (team_id) a token belongs to.</summary>
    public Task<SlackApiResult> AuthTestAsync(string token, CancellationToken cancellationToken = default) =>
        CallAsync("auth.test", token, [], cancellationToken);

    /// <summary>auth.revoke: gives a token back; revoking a workspace's bot token removes the app from it.</summary>
    public Task<SlackApiResult> RevokeAsync(string token, CancellationToken cancellationToken = default) =>
        CallAsync("auth.revoke", token, [], cancellationToken);

    /// <summary>A Web API method with a JSON body.</summary>
    public Task<SlackApiResult> CallAsync(string method, string token, JsonObject body, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, MethodUri(method))
        {
            Content = new ByteArrayContent(Serialize(body)) { Headers = { ContentType = JsonContentType } },
        };
        request.Options.Set(SlackRequestOptions.Token, token);
        return SendAsync(method, request, expectJson: true, cancellationToken);
    }

    /// <summary>
    /// A read method (conversations.info, conversations.members) with form-encoded arguments: Slack takes JSON bodies
    /// only for most write methods, and a read method given JSON does not see its arguments.
    /// </summary>
    public Task<SlackApiResult> CallFormAsync(string method, string token, IReadOnlyDictionary<string, string> arguments, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, MethodUri(method)) { Content = new FormUrlEncodedContent(arguments) };
        request.Options.Set(SlackRequestOptions.Token, token);
        return SendAsync(method, request, expectJson: true, cancellationToken);
    }

    /// <summary>Posts to an interaction's or command's response_url (no token; the URL is the credential).</summary>
    public Task<SlackApiResult> PostToResponseUrlAsync(Uri responseUrl, JsonObject body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        if (!Inbound.SlackResponseUrls.IsAllowed(responseUrl, options.Value))
        {
            // The endpoints already drop such URLs; this is the last line, so no caller can ever post elsewhere.
            logger.LogWarning("Refused to post to a response_url outside Slack:ResponseUrlBase");
            return Task.FromResult(SlackApiResult.Failure("response_url_refused"));
        }

        return SendAsync("response_url", new HttpRequestMessage(HttpMethod.Post, responseUrl)
        {
            Content = new ByteArrayContent(Serialize(body)) { Headers = { ContentType = JsonContentType } },
        }, expectJson: false, cancellationToken);
    }

    /// <summary>
    /// Uploads a file into a conversation (files:write): files.getUploadURLExternal for an upload address, the bytes
    /// to it, then files.completeUploadExternal to share it in the channel (and thread). The upload address must be
    /// on files.slack.com or the Web API's own host, so no answer can make NotesGuard send a document elsewhere.
    /// </summary>
    public async Task<SlackApiResult> UploadFileAsync(string token, string channelId, string? threadTs, string fileName, string title, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var request = new HttpRequestMessage(HttpMethod.Post, MethodUri("files.getUploadURLExternal"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["filename"] = fileName,
                ["length"] = content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }),
        };
        request.Options.Set(SlackRequestOptions.Token, token);
        var address = await SendAsync("files.getUploadURLExternal", request, expectJson: true, cancellationToken);
        if (!address.Ok)
        {
            return address;
        }

        if (address.StringProperty("file_id") is not { } fileId
            || !Uri.TryCreate(address.StringProperty("upload_url"), UriKind.Absolute, out var uploadUrl)
            || !IsUploadAddress(uploadUrl))
        {
            logger.LogWarning("Slack files.getUploadURLExternal gave an upload address NotesGuard does not send files to");
            return SlackApiResult.Failure("upload_url_refused");
        }

        var uploaded = await SendAsync("file_upload", new HttpRequestMessage(HttpMethod.Post, uploadUrl)
        {
            Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
        }, expectJson: false, cancellationToken);
        if (!uploaded.Ok)
        {
            return uploaded;
        }

        var complete = new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = title }),
            ["channel_id"] = channelId,
        };
        if (threadTs is not null)
        {
            complete["thread_ts"] = threadTs;
        }

        return await CallAsync("files.completeUploadExternal", token, complete, cancellationToken);
    }

    private bool IsUploadAddress(Uri url)
    {
        var api = MethodUri("files.getUploadURLExternal");
        return (url.Scheme == Uri.UriSchemeHttps && url.Host == "files.slack.com")
            || (url.Scheme == api.Scheme && url.Host == api.Host && url.Port == api.Port);
    }

    /// <summary>oauth.v2.access: exchanges an install's code for the workspace's bot token (form-encoded, client credentials).</summary>
    public Task<SlackApiResult> OAuthAccessAsync(string clientId, string clientSecret, string code, string redirectUri, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, MethodUri("oauth.v2.access"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = clientId,
                ["client_secret"] = clientSecret,
                ["code"] = code,
                ["redirect_uri"] = redirectUri,
            }),
        };
        // The code works once: a retry after Slack may have used it would only get invalid_code, and lose the token.
        request.Options.Set(SlackRequestOptions.AtMostOnce, true);
        return SendAsync("oauth.v2.access", request, expectJson: true, cancellationToken);
    }

    private Uri MethodUri(string method)
    {
        var baseUrl = options.Value.ApiBaseUrl;
        return new Uri(new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"), method);
    }

    private async Task<SlackApiResult> SendAsync(string method, HttpRequestMessage request, bool expectJson, CancellationToken cancellationToken)
    {
        using var _ = request;
        request.Options.Set(SlackRequestOptions.Method, method);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                logger.LogWarning("Slack {Method} rate-limited; gave up after {Attempts} attempts", method, Attempts(request));
                return Failed(method, "ratelimited");
            }

            if ((int)response.StatusCode >= 500)
            {
                logger.LogWarning("Slack {Method} failed with HTTP {Status} after {Attempts} attempts", method, (int)response.StatusCode, Attempts(request));
                return Failed(method, $"http_{(int)response.StatusCode}");
            }

            return await ReadAsync(method, response, expectJson, cancellationToken);
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Slack {Method} unreachable after {Attempts} attempts: {Reason}", method, Attempts(request), ex.HttpRequestError);
            return Failed(method, "unreachable");
        }
        catch (Exception ex) when (ex is TimeoutRejectedException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // An attempt's timeout, or HttpClient.Timeout over the whole call with its retries.
            logger.LogWarning("Slack {Method} timed out after {Attempts} attempts", method, Attempts(request));
            return Failed(method, "timeout");
        }
    }

    private static int Attempts(HttpRequestMessage request) =>
        request.Options.TryGetValue(SlackRequestOptions.Attempts, out var attempts) ? attempts : 0;

    private static SlackApiResult Failed(string method, string error)
    {
        NotesGuardTelemetry.ChannelApiFailed("slack", method, error);
        return SlackApiResult.Failure(error);
    }

    private async Task<SlackApiResult> ReadAsync(string method, HttpResponseMessage response, bool expectJson, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("Slack {Method} failed with HTTP {Status}", method, (int)response.StatusCode);
            return SlackApiResult.Failure($"http_{(int)response.StatusCode}");
        }

        if (!expectJson)
        {
            return SlackApiResult.Success();
        }

        SlackApiResult result;
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            using var document = JsonDocument.Parse(bytes);
            result = SlackApiResult.FromJson(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            logger.LogWarning("Slack {Method} answered with something that is not JSON", method);
            return SlackApiResult.Failure("invalid_response");
        }

        if (!result.Ok)
        {
            // Slack's error codes are safe to log; the request body (user text) and token never are.
            logger.LogWarning("Slack {Method} returned ok:false, error {Error}", method, result.Error);
        }

        return result;
    }

    private static byte[] Serialize(JsonNode body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
