using NotesGuard.Conversations.Hosting;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NotesGuard.Bot.Hosting;
using NotesGuard.Conversations.Limits;
using NotesGuard.Conversations.Practice;

namespace NotesGuard.Bot.Practice;

/// <summary>
/// POST /api/practice/broadcast: a practice's own tooling posts a card to shared channels. The caller sends
/// "Authorization: Bearer &lt;key&gt;"; only the key's SHA-256 is configured, compared in constant time. No key
/// sent: 401; a wrong key: 403; no key configured: 401 for everyone (the API is never open). Limited per address
/// like every endpoint, and to <see cref="BroadcastsPerMinute"/> authenticated broadcasts a minute.
/// </summary>
public static class BroadcastEndpoints
{
    public const string Path = "/api/practice/broadcast";
    public const int BroadcastsPerMinute = 10;
    private const int MaxRequestBytes = 16 * 1024;

    /// <summary>Practice admins, cards, broadcasts and the audit trail (after AddConversations), and this endpoint's limit.</summary>
    public static IServiceCollection AddPracticeBroadcast(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPractice(configuration);
        services.AddSingleton<BroadcastLimiter>();
        return services;
    }

    public static IEndpointRouteBuilder MapPracticeBroadcast(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, BroadcastAsync);
        return endpoints;
    }

    private static async Task<IResult> BroadcastAsync(
        HttpContext context, PracticeBroadcaster broadcaster, BroadcastLimiter limiter, IOptions<PracticeOptions> options, IHostApplicationLifetime lifetime)
    {
        var configured = options.Value.BroadcastApiKeyHash;
        var presented = BearerKey(context.Request);
        if (string.IsNullOrEmpty(configured) || presented is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Error(StatusCodes.Status401Unauthorized, string.IsNullOrEmpty(configured)
                ? "The practice broadcast API is off: Practice:BroadcastApiKeyHash is not set."
                : "Send the practice's broadcast API key as 'Authorization: Bearer <key>'.");
        }

        if (!PracticeApiKey.Matches(presented, configured))
        {
            return Error(StatusCodes.Status403Forbidden, "That is not the practice's broadcast API key.");
        }

        var verdict = limiter.Limiter.Check("practice-api", "broadcast");
        if (!verdict.Allowed)
        {
            context.Response.Headers.RetryAfter = verdict.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Error(StatusCodes.Status429TooManyRequests, $"At most {BroadcastsPerMinute} broadcasts a minute. Try again in {verdict.RetryAfterSeconds} seconds.");
        }

        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, MaxRequestBytes, context.RequestAborted);
        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"The request is larger than {MaxRequestBytes} bytes.");
        }

        BroadcastRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, BroadcastJsonContext.Default.BroadcastRequest);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            return Error(StatusCodes.Status400BadRequest, "The body must be JSON: {\"card\": …, \"idempotencyKey\": …, optional \"text\" and \"targets\"}.");
        }

        // On the app's lifetime, as a turn is, not the request's: a caller whose client gives up after 100 s must not
        // leave a broadcast half posted. The outcome is kept under the key, so asking again gives it.
        var result = await broadcaster.BroadcastAsync(request, "api-key", "api", lifetime.ApplicationStopping);
        return result.Status switch
        {
            BroadcastStatus.Done => Results.Json(result.Outcome, BroadcastJsonContext.Default.BroadcastOutcome),
            BroadcastStatus.InProgress or BroadcastStatus.KeyReused => Error(StatusCodes.Status409Conflict, result.Problem!),
            BroadcastStatus.AuditFull => Error(StatusCodes.Status503ServiceUnavailable, result.Problem!),
            _ => Error(StatusCodes.Status400BadRequest, result.Problem!),
        };
    }

    private static string? BearerKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        // The key as sent, not trimmed: string.Trim also removes characters Kestrel keeps (a vertical tab, a no-break
        // space), so a key of only those would have become the empty key.
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length && header.Length < 1024
            ? header[prefix.Length..]
            : null;
    }

    private static IResult Error(int status, string message) =>
        Results.Json(new ErrorResponse(message), HostJsonContext.Default.ErrorResponse, statusCode: status);
}

/// <summary>One app's limit on authenticated broadcasts (a leaked key cannot flood every channel).</summary>
internal sealed class BroadcastLimiter : IDisposable
{
    public PersonRateLimiter Limiter { get; } = new(BroadcastEndpoints.BroadcastsPerMinute, TimeSpan.FromMinutes(1));

    public void Dispose() => Limiter.Dispose();
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BroadcastRequest))]
[JsonSerializable(typeof(BroadcastOutcome))]
internal sealed partial class BroadcastJsonContext : JsonSerializerContext;
