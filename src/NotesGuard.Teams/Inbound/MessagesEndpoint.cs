using NotesGuard.Conversations.Hosting;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Teams.Authentication;
using NotesGuard.Teams.Connector;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Inbound;

/// <summary>
/// POST /api/messages. Order matters: the token is checked before the body is even parsed (including who it
/// was issued to and, for channel tokens, that its key endorses msteams); then the body (size-limited;
/// malformed → 400); then the token is tied to the activity (serviceurl claim) and the serviceUrl must be on
/// the allow-list, and (under a Bot Framework token) its tenant must be one the bot serves (Teams:AllowedTenantIds).
/// Only then is a turn processed, always as channel msteams whatever the body's channelId says. The work runs on
/// the app's lifetime, not the request's: Teams gives up on a slow request and retries, and a half-finished turn
/// must still send its replies (the retry is deduped).
/// </summary>
internal sealed class MessagesEndpoint(
    BotTokenValidator validator,
    ActivityRouter router,
    ServiceUrlAllowList serviceUrls,
    TeamsTenants tenants,
    IOptions<TeamsOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<MessagesEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var (auth, token) = await validator.ValidateAsync(context.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, context.RequestAborted);
        if (!auth.IsValid)
        {
            logger.LogWarning("Rejected an activity: {Reason}", auth.Reason);
            context.Response.StatusCode = auth.KeysUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status401Unauthorized;
            return;
        }

        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, options.Value.MaxRequestBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await Problem(context, StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {options.Value.MaxRequestBodyBytes} bytes.");
            return;
        }

        Activity? activity;
        try
        {
            // Checked up front: `value` is kept as a JsonElement, whose bad UTF-8 would only throw when a handler reads it.
            activity = System.Text.Unicode.Utf8.IsValid(body) ? JsonSerializer.Deserialize(body, TeamsJsonContext.Default.Activity) : null;
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (activity is null)
        {
            await Problem(context, StatusCodes.Status400BadRequest, "The body is not a JSON activity.");
            return;
        }

        var bound = BotTokenValidator.CheckActivity(token, activity.ServiceUrl);
        if (!bound.IsValid)
        {
            logger.LogWarning("Rejected an activity: {Reason}", bound.Reason);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // Replies (with the bot's token) go to the serviceUrl: a host off the list is refused before any turn.
        if (!string.IsNullOrEmpty(activity.ServiceUrl) && !serviceUrls.IsAllowed(activity.ServiceUrl))
        {
            // The host only (the path can hold a tenant id): enough for an operator to extend the list.
            var host = Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var uri) ? uri.Host : "(not an absolute URL)";
            logger.LogWarning("Rejected an activity: its serviceUrl host {Host} is not on Teams:AllowedServiceUrls", host);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // Only where Teams wrote the activity (a Bot Framework token) does its tenant say which organisation it comes
        // from; an Entra-token caller (the emulator, an allowed caller) writes it itself, so the check would prove nothing.
        if (token is { FromBotFramework: true } && !tenants.IsServed(activity, out var tenant))
        {
            // Another organisation (or an activity that names none): it must neither be answered nor join the practice's
            // broadcast list. Its tenant id is an organisation's, not a person's.
            logger.LogWarning("Rejected an activity from tenant {Tenant}, which is not on Teams:AllowedTenantIds", tenant ?? "(none or not a tenant id)");
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (token is { FromBotFramework: false } && activity.From is not null)
        {
            // An Entra token (the emulator, or an app on Teams:AllowedCallers) means that app wrote the activity,
            // from.aadObjectId included: it would be the caller's word for who sent it, and practice admin rights go
            // by that id. Only the Bot Framework vouches for it (Teams writes the activity it signs for).
            activity.From.AadObjectId = null;
        }

        if (ActivityRouter.MissingField(activity) is { } missing)
        {
            await Problem(context, StatusCodes.Status400BadRequest, $"The activity has no {missing}.");
            return;
        }

        ActivityResponse response;
        try
        {
            response = await router.RouteAsync(activity, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Shutting down mid-turn: ask Teams to try again (another instance, or this one after restart).
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        catch (Exception ex)
        {
            // The activity was received; a retry would be deduped anyway. Never answer Teams with a 500.
            // The failure's type, code and stack, not its message (free text, which could hold what was typed).
            logger.LogError("A {Type} activity failed: {Failure}", activity.Type, LoggedFailure.WithStack(ex));
            response = ActivityResponse.Ok;
        }

        context.Response.StatusCode = response.StatusCode;
        if (response.InvokeBody is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, response.InvokeBody, TeamsJsonContext.Default.AdaptiveCardInvokeResponse, context.RequestAborted);
        }
    }

    /// <summary>An RFC 9457 problem+json answer, written by ASP.NET Core's own ProblemDetails result.</summary>
    private static Task Problem(HttpContext context, int status, string detail) =>
        Results.Problem(title: detail, statusCode: status).ExecuteAsync(context);
}
