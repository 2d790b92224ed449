using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Slack.Tests.Fakes;

/// <summary>
/// The Slack channel as the host wires it (AddSlackChannel/MapSlackChannel) on Kestrel on a loopback port, with a
/// scripted engine, an in-memory store and the fake Slack Web API behind it.
/// </summary>
public sealed class SlackTestHost : IAsyncDisposable
{
    public const string SigningSecret = "test-signing-secret";
    public const string BotToken = "xoxb-single-workspace";
    public const string OAuthRedirectUrl = "https://notesguard.practice.example/slack/oauth/callback";

    private readonly WebApplication _app;

    private SlackTestHost(WebApplication app, FakeSlackWebApi slack, Uri baseAddress, ScriptedTurnHandler engine, InMemoryStateStore store, CapturedLogs logs)
    {
        _app = app;
        Engine = engine;
        Store = store;
        Logs = logs;
        Slack = slack;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
        Requests = new SignedSlackRequests(Client, SigningSecret);
    }

    public FakeSlackWebApi Slack { get; }

    public HttpClient Client { get; }

    public SignedSlackRequests Requests { get; }

    public ScriptedTurnHandler Engine { get; }

    public InMemoryStateStore Store { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Everything acknowledged so far has been worked off (or was never queued); bounded so a hang fails.</summary>
    public Task QueueDrainedAsync() =>
        Services.GetRequiredService<NotesGuard.Slack.Work.SlackWorkQueue>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

    public static async Task<SlackTestHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var slack = await FakeSlackWebApi.StartAsync();
        var dataFolder = Directory.CreateTempSubdirectory("notesguard-slack-test-").FullName;
        var builder = WebApplication.CreateBuilder(["--environment", "Development"]);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var all = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack:TeamId"] = SlackPayloads.Team,
            ["Slack:ResponseUrlBase"] = slack.BaseAddress.ToString(),
            ["Slack:OAuthRedirectUrl"] = OAuthRedirectUrl,
            ["Storage:DataFolder"] = dataFolder,
            ["Shutdown:GracePeriod"] = "00:00:01", // a test ending with Slack work queued need not wait 25 s on stop
            ["Practice:PracticeName"] = "Riverside Therapy",
            ["Practice:InsurerHelplines:0:Name"] = "Riverside insurer legal line",
            ["Practice:InsurerHelplines:0:Phone"] = "0100 000 0001",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        var engine = new ScriptedTurnHandler();
        var store = new InMemoryStateStore();
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton<ITurnHandler>(engine);
        builder.Services.AddSingleton<IStateStore>(store);
        builder.Services.AddOptions<NotesGuard.Guidance.PracticeSettings>().Bind(builder.Configuration.GetSection(NotesGuard.Guidance.PracticeSettings.SectionName));
        services?.Invoke(builder.Services);
        builder.Services.AddSlackChannel(builder.Configuration);
        var app = builder.Build();
        app.MapSlackChannel();
        return new SlackTestHost(app, slack, await LoopbackAddress.StartAsync(app), engine, store, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
