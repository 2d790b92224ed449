using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NotesGuard.Bot;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Conformance.Tests.Teams;

/// <summary>
/// The real NotesGuard app (BotApp, real engine, real advisor, SQLite in a temp folder) on a free loopback
/// port, in Development with no App ID — the way the Agents Playground talks to it (it sends no auth).
/// </summary>
public sealed class TeamsBot : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TeamsBot(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string MessagesUrl => new Uri(BaseAddress, "api/messages").ToString();

    public IServiceProvider Services => _app.Services;

    public static async Task<TeamsBot> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var dataFolder = Directory.CreateTempSubdirectory("notesguard-teams-").FullName;
        var app = BotApp.Build(
            ["--environment", "Development", "--urls", "http://127.0.0.1:0"],
            builder =>
            {
                var all = new Dictionary<string, string?> { ["Storage:DataFolder"] = dataFolder };
                foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                {
                    all[key] = value;
                }

                builder.Configuration.AddInMemoryCollection(all);
                builder.Logging.ClearProviders();
            });
        return new TeamsBot(app, await LoopbackAddress.StartAsync(app));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
