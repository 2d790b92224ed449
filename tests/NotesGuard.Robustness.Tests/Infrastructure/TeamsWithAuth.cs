using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Teams.Tests.Infrastructure;

namespace NotesGuard.Robustness.Tests;

/// <summary>
/// The real app with the Teams channel authenticated as in production: tokens checked against a loopback OpenID
/// server's keys, outbound tokens from a loopback Entra endpoint, replies to a loopback connector.
/// </summary>
internal sealed class TeamsWithAuth : IAsyncDisposable
{
    public const string AppId = "5d6b7c1e-0f4a-4c3b-9a2e-1b2c3d4e5f60";

    private TeamsWithAuth(FakeOpenIdServer identity, TestSigningKey key, FakeTokenEndpoint tokens, FakeConnector connector, RunningBot bot)
    {
        Identity = identity;
        Key = key;
        Tokens = tokens;
        Connector = connector;
        Bot = bot;
    }

    public FakeOpenIdServer Identity { get; }

    public TestSigningKey Key { get; }

    public FakeTokenEndpoint Tokens { get; }

    public FakeConnector Connector { get; }

    public RunningBot Bot { get; }

    /// <summary>
    /// The connector's address as activities carry it. "localhost" rather than 127.0.0.1: the service URL allow-list
    /// admits plain-http loopback only in Development, by name.
    /// </summary>
    public string ServiceUrl => Connector.ServiceUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

    public static async Task<TeamsWithAuth> StartAsync(IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null, string? dataFolder = null)
    {
        var identity = await FakeOpenIdServer.StartAsync();
        var key = identity.Publish("fuzz-key", "msteams");
        var tokens = await FakeTokenEndpoint.StartAsync();
        var connector = await FakeConnector.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = AppId,
            ["Teams:ClientSecret"] = "test-secret-not-real",
            ["Teams:OpenIdMetadataUrl"] = identity.MetadataUrl,
            ["Teams:EntraOpenIdMetadataUrl"] = identity.MetadataUrl,
            ["Teams:TokenAuthority"] = tokens.BaseAddress.ToString(),
            ["Teams:RetryBaseDelay"] = "00:00:00.010",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        var bot = await RunningBot.StartAsync(all, dataFolder: dataFolder, configure: builder =>
        {
            // MSAL's HttpClient (NotesGuard.Teams.Msal) must trust the fake token endpoint's throwaway certificate.
            builder.Services.AddHttpClient("NotesGuard.Teams.Msal").ConfigurePrimaryHttpMessageHandler(tokens.TrustingHandler);
            if (logs is not null)
            {
                builder.Logging.AddProvider(logs);
            }
        });
        return new TeamsWithAuth(identity, key, tokens, connector, bot);
    }

    public string Token(string? serviceUrl = null) => FakeOpenIdServer.Mint(Key, AppId, serviceUrl ?? ServiceUrl);

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
        await Tokens.DisposeAsync();
        await Identity.DisposeAsync();
    }
}
