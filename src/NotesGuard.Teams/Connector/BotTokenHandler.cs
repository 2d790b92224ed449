using System.Net.Http.Headers;

namespace NotesGuard.Teams.Connector;

/// <summary>
/// Puts the bot's token on every attempt (a retry after a long Retry-After gets a fresh one from the cache). Runs
/// only once BotConnectorClient has checked the serviceUrl against the allow-list, so no token leaves for a host
/// that is not on it.
/// </summary>
internal sealed class BotTokenHandler(IBotTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }
}
