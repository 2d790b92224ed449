using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Bot.Tests.Infrastructure;

/// <summary>
/// The real NotesGuard app on Kestrel on a free loopback port, with the given settings layered over the
/// app's own configuration. Each instance gets its own data folder unless one is given.
/// </summary>
public sealed class RunningBot : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningBot(WebApplication app, Uri baseAddress, string dataFolder)
    {
        _app = app;
        BaseAddress = baseAddress;
        DataFolder = dataFolder;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public string DataFolder { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<RunningBot> StartAsync(
        IDictionary<string, string?>? settings = null,
        string environment = "Development",
        string? dataFolder = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        dataFolder ??= Directory.CreateTempSubdirectory("notesguard-test-").FullName;
        var app = BotApp.Build(
            ["--environment", environment, "--urls", "http://127.0.0.1:0"],
            builder =>
            {
                // A short drain on stop: a test that ends with Slack work still queued need not wait the default 25 s.
                var all = new Dictionary<string, string?> { ["Storage:DataFolder"] = dataFolder, ["Shutdown:GracePeriod"] = "00:00:01" };
                foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                {
                    all[key] = value;
                }

                builder.Configuration.AddInMemoryCollection(all);
                configure?.Invoke(builder);
            });
        return new RunningBot(app, await LoopbackAddress.StartAsync(app), dataFolder);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
