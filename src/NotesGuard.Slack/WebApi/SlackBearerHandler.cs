using System.Net.Http.Headers;

namespace NotesGuard.Slack.WebApi;

/// <summary>
/// Puts the workspace's bot token on a Web API request as a bearer. Requests without one (a response_url, whose URL
/// is the credential, or oauth.v2.access with client credentials) go out with no Authorization header at all.
/// Being the innermost handler, it also counts the attempts that really went out (retries included).
/// </summary>
internal sealed class SlackBearerHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(SlackRequestOptions.Attempts, request.Options.TryGetValue(SlackRequestOptions.Attempts, out var sent) ? sent + 1 : 1);
        if (request.Options.TryGetValue(SlackRequestOptions.Token, out var token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
