using Microsoft.Identity.Client;

namespace NotesGuard.Teams.Connector;

/// <summary>Gives MSAL the app's pooled HttpClient, so hosts (and tests) configure its handler in one place.</summary>
internal sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
{
    public const string ClientName = "NotesGuard.Teams.Msal";

    public HttpClient GetHttpClient() => factory.CreateClient(ClientName);
}
