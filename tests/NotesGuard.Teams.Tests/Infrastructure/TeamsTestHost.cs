using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Teams.Connector;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Teams.Tests.Infrastructure;

/// <summary>
/// The Teams channel on Kestrel on a free loopback port, with the engine replaced by a recording fake,
/// an in-memory state store, and every Microsoft endpoint (OpenID metadata, token endpoint, connector)
/// replaced by loopback fakes.
/// </summary>
public sealed class TeamsTestHost : IAsyncDisposable
{
    public const string AppId = "7c9f1c3e-2b7e-4a51-9a8e-3f1f0d6a2b11";

    private readonly WebApplication _app;

    private TeamsTestHost(WebApplication app, Uri baseAddress, RecordingTurnHandler engine, InMemoryStateStore store)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = baseAddress };
        Engine = engine;
        Store = store;
    }

    public HttpClient Client { get; }

    public RecordingTurnHandler Engine { get; }

    public InMemoryStateStore Store { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="identity">null runs with authentication off (Development, no App ID).</param>
    public static async Task<TeamsTestHost> StartAsync(
        FakeOpenIdServer? identity = null,
        FakeTokenEndpoint? tokens = null,
        IDictionary<string, string?>? settings = null,
        string environment = "Development",
        Action<IServiceCollection>? services = null,
        CapturedLogs? logs = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        }

        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var all = new Dictionary<string, string?>
        {
            ["Teams:RetryBaseDelay"] = "00:00:00.010",
            ["Teams:KeyRefreshMinimumInterval"] = "00:00:00",
            // A busy test machine can take half a second over a turn: no test sees a typing call it did not ask for.
            ["Teams:TypingDelay"] = "00:00:10",
        };
        if (identity is not null)
        {
            all["Teams:AppId"] = AppId;
            all["Teams:ClientSecret"] = "test-secret-not-real";
            all["Teams:OpenIdMetadataUrl"] = identity.MetadataUrl;
            all["Teams:EntraOpenIdMetadataUrl"] = identity.MetadataUrl;
            all["Teams:TokenAuthority"] = tokens?.BaseAddress.ToString() ?? "https://127.0.0.1:9/";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        var store = new InMemoryStateStore();
        var engine = new RecordingTurnHandler(store);
        builder.Services.AddSingleton<IStateStore>(store);
        builder.Services.AddSingleton<ITurnHandler>(engine);
        builder.Services.AddTeamsChannel(builder.Configuration);
        if (tokens is not null)
        {
            builder.Services.AddHttpClient(MsalHttpClientFactory.ClientName).ConfigurePrimaryHttpMessageHandler(tokens.TrustingHandler);
        }

        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapTeamsChannel();
        return new TeamsTestHost(app, await LoopbackAddress.StartAsync(app), engine, store);
    }

    public Task<HttpResponseMessage> PostAsync(JsonNode activity, string? bearer = null) => PostRawAsync(activity.ToJsonString(), bearer);

    public async Task<HttpResponseMessage> PostRawAsync(string body, string? bearer = null, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        else if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
