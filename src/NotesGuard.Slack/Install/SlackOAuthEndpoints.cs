using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Slack.WebApi;

namespace NotesGuard.Slack.Install;

/// <summary>
/// The OAuth v2 install: /slack/install sends the browser to Slack's consent page with a state that is both
/// signed (Data Protection) and bound to this browser by a cookie (CSRF); /slack/oauth/callback checks both,
/// exchanges the code with oauth.v2.access and stores the workspace's bot token encrypted.
/// </summary>
internal sealed class SlackOAuthEndpoints(
    IOptions<SlackOptions> options,
    IDataProtectionProvider protection,
    SlackWebApiClient api,
    SlackInstallStore installs,
    TimeProvider clock,
    ILogger<SlackOAuthEndpoints> logger)
{
    internal const string StateCookie = "ng_slack_oauth_state";
    private static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _stateProtector = protection.CreateProtector("NotesGuard.Slack.OAuthState.v1");

    public IResult Install(HttpContext context)
    {
        if (!options.Value.OAuthEnabled)
        {
            return Results.Text("Installing through OAuth is not configured (Slack:ClientId, Slack:ClientSecret).", statusCode: StatusCodes.Status404NotFound);
        }

        // Slack's consent page lets the installer pick any workspace, and says which one only after the code is
        // exchanged. A team hint (/slack/install?team=T…) is checked here, before Slack is involved, and passed on
        // so the consent page offers that workspace; with one allowed workspace the hint is always that one.
        var allowed = options.Value.AllowedTeamIds;
        var team = context.Request.Query["team"].ToString();
        if (team.Length > 0 && !options.Value.AllowsTeam(team))
        {
            logger.LogWarning("Slack install refused before the consent page: the team hint is not in Slack:AllowedTeamIds");
            return RefusedPage();
        }

        if (team.Length == 0 && allowed.Count == 1)
        {
            team = allowed[0];
        }

        var nonce = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var expires = clock.GetUtcNow().Add(StateLifetime).ToUnixTimeSeconds();
        var state = _stateProtector.Protect($"{nonce}|{expires.ToString(CultureInfo.InvariantCulture)}");
        context.Response.Cookies.Append(StateCookie, nonce, new CookieOptions
        {
            HttpOnly = true,
            // Secure whenever the callback is https (as it must be outside localhost), not only when this request
            // is: behind a proxy that ends TLS the app itself sees http.
            Secure = context.Request.IsHttps || RedirectUri.StartsWith("https://", StringComparison.OrdinalIgnoreCase),
            SameSite = SameSiteMode.Lax,
            Path = "/slack/oauth",
            MaxAge = StateLifetime,
            IsEssential = true,
        });

        var authorize = QueryHelpersAdd(options.Value.AuthorizeUrl, new Dictionary<string, string?>
        {
            ["client_id"] = options.Value.ClientId,
            ["scope"] = string.Join(',', SlackScopes.Bot),
            ["state"] = state,
            ["redirect_uri"] = RedirectUri,
        });
        if (team.Length > 0)
        {
            authorize = QueryHelpers.AddQueryString(authorize, "team", team);
        }

        return Results.Redirect(authorize);
    }

    public async Task<IResult> CallbackAsync(HttpContext context)
    {
        if (!options.Value.OAuthEnabled)
        {
            return Results.Text("Installing through OAuth is not configured (Slack:ClientId, Slack:ClientSecret).", statusCode: StatusCodes.Status404NotFound);
        }

        var query = context.Request.Query;
        if (!string.IsNullOrEmpty(query["error"]))
        {
            // Slack's error is a short code (access_denied); anything else in the link is not shown as if Slack said it.
            var error = query["error"].ToString();
            var said = error.Length <= 40 && error.All(c => char.IsAsciiLetterLower(c) || c == '_') ? $"Slack said: {error}. " : "";
            return Page(StatusCodes.Status400BadRequest, "NotesGuard was not installed", $"{said}You can start again from the install link.");
        }

        if (!StateIsValid(query["state"].ToString(), context.Request.Cookies[StateCookie]))
        {
            logger.LogWarning("Slack OAuth callback refused: state missing, forged, expired or from another browser");
            return Page(StatusCodes.Status400BadRequest, "This install link has expired", "Please start again from the install link, in the same browser.");
        }

        var code = query["code"].ToString();
        if (string.IsNullOrEmpty(code))
        {
            return Page(StatusCodes.Status400BadRequest, "NotesGuard was not installed", "Slack did not send an authorisation code.");
        }

        context.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = "/slack/oauth" });
        // Not the request's token: once the code has gone out Slack may have used it, so the exchange and the save
        // finish even if the admin closes the tab (the client's own timeout still bounds them).
        var result = await api.OAuthAccessAsync(options.Value.ClientId!, options.Value.ClientSecret!, code, RedirectUri, CancellationToken.None);
        var token = result.StringProperty("access_token");
        var teamId = TeamField(result, "id");
        if (!result.Ok || token is null || !token.StartsWith("xoxb-", StringComparison.Ordinal) || teamId is null)
        {
            if (result.Ok && token is not null)
            {
                // A token we cannot use (an organisation-wide install has no team): do not leave it installed.
                await api.RevokeAsync(token, CancellationToken.None);
            }

            logger.LogWarning("Slack oauth.v2.access failed: {Error}", result.Error ?? "no bot token in the answer");
            return Page(StatusCodes.Status502BadGateway, "NotesGuard was not installed", $"Slack refused the install ({result.Error ?? "no bot token"}). Please try again.");
        }

        if (!options.Value.AllowsTeam(teamId))
        {
            // The exchange has already installed the app there: give the token back, which uninstalls it, so a
            // refused workspace is not left with a NotesGuard that never answers.
            var revoked = await api.RevokeAsync(token, CancellationToken.None);
            logger.LogWarning(
                "Slack install refused: team {TeamId} is not in Slack:AllowedTeamIds; its new token was {Outcome}",
                teamId,
                revoked.Ok ? "revoked" : $"NOT revoked ({revoked.Error})");
            return RefusedPage();
        }

        var teamName = TeamField(result, "name");
        await installs.SaveAsync(new SlackInstallation(teamId, token, result.StringProperty("bot_user_id"), teamName, clock.GetUtcNow()), CancellationToken.None);
        logger.LogInformation("NotesGuard installed in Slack team {TeamId}", teamId);
        return Page(StatusCodes.Status200OK, "NotesGuard is installed", $"NotesGuard is ready in {teamName ?? teamId}. Open it from the Apps section in Slack.");
    }

    private bool StateIsValid(string state, string? cookieNonce)
    {
        if (string.IsNullOrEmpty(state) || string.IsNullOrEmpty(cookieNonce))
        {
            return false;
        }

        string plain;
        try
        {
            plain = _stateProtector.Unprotect(state);
        }
        catch (CryptographicException)
        {
            return false;
        }

        var parts = plain.Split('|');
        if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || clock.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(parts[0]), Encoding.UTF8.GetBytes(cookieNonce));
    }

    /// <summary>Only ever the configured URL (validated at start-up): the Host header is the sender's to forge.</summary>
    private string RedirectUri => options.Value.OAuthRedirectUrl!;

    private static string? TeamField(SlackApiResult result, string name) =>
        result.Body.ValueKind == System.Text.Json.JsonValueKind.Object
        && result.Body.TryGetProperty("team", out var team)
        && team.ValueKind == System.Text.Json.JsonValueKind.Object
        && team.TryGetProperty(name, out var value)
        && value.ValueKind == System.Text.Json.JsonValueKind.String
            ? value.GetString()
            : null;

    private static string QueryHelpersAdd(string url, Dictionary<string, string?> values) => QueryHelpers.AddQueryString(url, values);

    private static IResult RefusedPage() => Page(
        StatusCodes.Status403Forbidden,
        "NotesGuard was not installed",
        "This NotesGuard serves other workspaces only. Ask your practice for the NotesGuard that serves yours.");

    private static IResult Page(int status, string title, string message)
    {
        var html = $"<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title>" +
                   $"<body><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(message)}</p></body></html>";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
