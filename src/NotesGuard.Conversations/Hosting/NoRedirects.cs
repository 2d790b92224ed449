using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace NotesGuard.Conversations.Hosting;

/// <summary>
/// A channel's API client never follows a redirect: its requests carry a person's replies or documents, checked to
/// go only to the channel's own hosts, and a 3xx from one of them would carry the body to a host nobody checked.
/// </summary>
public static class NoRedirects
{
    /// <summary>
    /// Turns off redirects on the client's primary handler, applied after every other configuration of the client, so
    /// a host that put its own <see cref="SocketsHttpHandler"/> or <see cref="HttpClientHandler"/> there (or a chain of
    /// delegating handlers ending in one) gets it too. A 3xx answer then reaches the caller as a failed call.
    /// </summary>
    public static IHttpClientBuilder RefuseRedirects(this IHttpClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Services.PostConfigure<HttpClientFactoryOptions>(
            client.Name, options => options.HttpMessageHandlerBuilderActions.Add(builder => Refuse(builder.PrimaryHandler)));
        return client;
    }

    private static void Refuse(HttpMessageHandler primary)
    {
        // Down a chain of delegating handlers a host may have put there, to the handler that sends.
        for (HttpMessageHandler? handler = primary; handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            switch (handler)
            {
                case SocketsHttpHandler sockets:
                    sockets.AllowAutoRedirect = false;
                    break;
                case HttpClientHandler clientHandler:
                    clientHandler.AllowAutoRedirect = false;
                    break;
            }
        }
    }
}
