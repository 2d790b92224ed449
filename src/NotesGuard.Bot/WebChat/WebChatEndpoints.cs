using NotesGuard.Conversations.Hosting;
using System.Text.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using NotesGuard.Bot.Hosting;
using NotesGuard.Bot.Letters;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Bot.WebChat;

/// <summary>
/// The local web chat: the page at "/" (embedded in the assembly, no CDN) and its JSON endpoint POST /chat/turn.
/// Both exist only in Development or when WebChat:Enabled is true; otherwise /chat/turn is 404.
/// </summary>
public static class WebChatEndpoints
{
    public const string ChannelId = "webchat";
    public const string TurnPath = "/chat/turn";

    private const int MaxIdLength = 100;
    private const int MaxTextLength = 2000;
    private const int MaxValueLength = 1000;

    public static bool IsEnabled(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value.Enabled ?? app.Environment.IsDevelopment();
    }

    public static WebApplication MapWebChat(this WebApplication app)
    {
        if (!IsEnabled(app))
        {
            app.MapGet("/", () => Results.Text("NotesGuard is running. The local web chat is switched off (WebChat:Enabled)."));
            return app;
        }

        var pages = new EmbeddedFileProvider(typeof(WebChatEndpoints).Assembly, "NotesGuard.Bot.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = pages });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = pages,
            OnPrepareResponse = context =>
            {
                // Only our own script, styles and endpoint; no inline code, no framing, no referrer to the linked sites.
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy =
                    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
                    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Asked again after an upgrade, so an old script never runs against a new server.
                headers.CacheControl = "no-cache";
            },
        });
        app.MapPost(TurnPath, HandleTurnAsync);
        return app;
    }

    private static async Task<IResult> HandleTurnAsync(
        HttpContext context,
        ITurnHandler handler,
        IOptions<WebChatOptions> options)
    {
        // Answers and document links are never kept by a cache, nor read as anything but JSON.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";

        // JSON only: a cross-site form or text/plain post cannot reach the engine without a CORS preflight.
        if (!context.Request.HasJsonContentType())
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, "Send the turn as application/json.");
        }

        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, options.Value.MaxRequestBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"The request is larger than {options.Value.MaxRequestBytes} bytes.");
        }

        WebChatTurnRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, WebChatJsonContext.Default.WebChatTurnRequest);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, "The request is not valid JSON.");
        }

        var problem = Check(request);
        if (problem is not null)
        {
            return Error(StatusCodes.Status400BadRequest, problem);
        }

        var turn = new Turn(
            ChannelId,
            request!.ConversationId!,
            request.UserId!,
            request.TurnId ?? Guid.NewGuid().ToString("N"),
            ConversationScope.Personal,
            request.Text,
            request.Value);
        var result = await handler.HandleAsync(turn, context.RequestAborted).ConfigureAwait(false);
        var replies = new List<WebChatReply>();
        foreach (var reply in result.Replies)
        {
            replies.Add(WebChatReplyMapper.Map(reply));
        }

        var response = new WebChatTurnResponse(replies, result.WasDuplicate, result.ForgotPerson);
        return Results.Json(response, WebChatJsonContext.Default.WebChatTurnResponse);
    }

    private static string? Check(WebChatTurnRequest? request)
    {
        if (request is null)
        {
            return "The request must be a JSON object.";
        }

        if (!IsId(request.ConversationId))
        {
            return $"conversationId must be 1-{MaxIdLength} letters, digits, '-' or '_'.";
        }

        if (!IsId(request.UserId))
        {
            return $"userId must be 1-{MaxIdLength} letters, digits, '-' or '_'.";
        }

        if (request.TurnId is not null && !IsId(request.TurnId))
        {
            return $"turnId must be 1-{MaxIdLength} letters, digits, '-' or '_'.";
        }

        if (request.Text is { Length: > MaxTextLength })
        {
            return $"text must be at most {MaxTextLength} characters.";
        }

        if (request.Value is { Length: > MaxValueLength })
        {
            return $"value must be at most {MaxValueLength} characters.";
        }

        return string.IsNullOrWhiteSpace(request.Text) && string.IsNullOrEmpty(request.Value)
            ? "Send text or a button value."
            : null;
    }

    private static bool IsId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static IResult Error(int status, string message) =>
        Results.Json(new ErrorResponse(message), HostJsonContext.Default.ErrorResponse, statusCode: status);
}
