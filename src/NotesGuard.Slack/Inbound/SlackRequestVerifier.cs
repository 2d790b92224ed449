using NotesGuard.Conversations.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NotesGuard.Slack.Inbound;

/// <summary>
/// Reads a Slack request's raw body under the size limit and checks its signature before anything else
/// looks at it. Only a verified body leaves this class.
/// </summary>
internal sealed class SlackRequestVerifier(IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackRequestVerifier> logger)
{
    private readonly SlackSignature? _signature =
        options.Value.IsEnabled ? new SlackSignature(options.Value.SigningSecret!) : null;

    /// <summary>The verified raw body, or the response to send instead (404 off, 413 too big, 401 unsigned).</summary>
    public async Task<(byte[]? Body, IResult? Refusal)> ReadAsync(HttpContext context)
    {
        if (_signature is null)
        {
            return (null, Results.Text("Slack is not configured on this NotesGuard (Slack:SigningSecret).", statusCode: StatusCodes.Status404NotFound));
        }

        // Headers first: a request without a fresh, well-formed signature is refused before a byte of its body is read.
        var timestamp = context.Request.Headers["X-Slack-Request-Timestamp"].ToString();
        var signature = context.Request.Headers["X-Slack-Signature"].ToString();
        var now = clock.GetUtcNow();
        var headers = SlackSignature.CheckHeaders(timestamp, signature, now);
        if (headers != SignatureFailure.None)
        {
            logger.LogWarning("Slack request refused with 401 before reading its body: {Failure}", headers);
            return (null, Results.Unauthorized());
        }

        var limit = options.Value.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            logger.LogWarning("Slack request refused: body of {Length} bytes is over the {Limit}-byte limit", context.Request.ContentLength, limit);
            return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, limit, context.RequestAborted);
        if (body is null)
        {
            logger.LogWarning("Slack request refused: body is over the {Limit}-byte limit", limit);
            return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        var failure = _signature.Verify(timestamp, signature, body, now);
        if (failure != SignatureFailure.None)
        {
            logger.LogWarning("Slack request refused with 401: {Failure}", failure);
            return (null, Results.Unauthorized());
        }

        return (body, null);
    }
}
