using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Conversations.Hosting;

namespace NotesGuard.Bot.Tests.Host;

/// <summary>
/// The real app as its own process, stopped the way a container platform stops it: SIGTERM while Slack work is
/// queued behind a slow Slack API. Every event it acknowledged is answered before it exits, and what arrives
/// after SIGTERM is refused with 503 (so Slack redelivers it elsewhere) rather than acknowledged and lost.
/// </summary>
public sealed partial class GracefulShutdownTests
{
    private const int Events = 8;

    [Fact]
    public async Task Sigterm_mid_load_answers_every_acknowledged_slack_event_before_the_process_exits()
    {
        await using var slack = await FakeSlackWebApi.StartAsync();
        slack.Delay = TimeSpan.FromMilliseconds(1500);
        using var app = await BotProcess.StartAsync(new Dictionary<string, string>
        {
            ["Slack__SigningSecret"] = SlackBotHarness.SigningSecret,
            ["Slack__BotToken"] = SlackBotHarness.BotToken,
            ["Slack__ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack__Workers"] = "2",
            ["Shutdown__GracePeriod"] = "00:01:00",
        });
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var requests = new SignedSlackRequests(http, SlackBotHarness.SigningSecret);

        // Eight people message the bot at once; two workers and a 1.5 s Slack API leave most of it queued.
        var acknowledged = new List<string>();
        for (var i = 0; i < Events; i++)
        {
            var channel = $"D0SHUTDOWN{i}";
            using var ack = await requests.EventAsync(SlackPayloads.DirectMessage($"EvShutdown{i}", $"U0SHUTDOWN{i}", "hello", channel));
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
            acknowledged.Add(channel);
        }

        app.SendSigterm();

        // From now on nothing new is acknowledged: Kestrel stops accepting connections, and a request on a
        // connection already open gets 503. One that slipped in before the signal was seen must be answered too.
        for (var i = 0; ; i++)
        {
            var channel = $"D0LATE{i}";
            var status = await TrySendAsync(requests, SlackPayloads.DirectMessage($"EvLate{i}", $"U0LATE{i}", "hello", channel));
            if (status != HttpStatusCode.OK)
            {
                Assert.True(status is null or HttpStatusCode.ServiceUnavailable, $"a late event got {status}");
                break;
            }

            acknowledged.Add(channel);
            Assert.True(i < 100, "the app kept acknowledging events after SIGTERM");
        }

        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{app.Output}");
        var answered = slack.CallsTo("chat.postMessage").Select(c => c.Str("channel")).ToHashSet();
        Assert.All(acknowledged, channel => Assert.Contains(channel, answered));
        Assert.Contains("Slack queue drained for shutdown", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draining_instance_is_not_ready_and_refuses_new_turns_with_503_and_retry_after()
    {
        await using var harness = await SlackBotHarness.StartAsync();

        harness.Bot.Services.GetRequiredService<TurnAdmission>().Close();

        using var ready = await harness.Bot.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var alive = await harness.Bot.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var slackEvent = await harness.Requests.EventAsync(SlackPayloads.DirectMessage("EvDraining", "U0DRAIN", "hello"));
        using var webChat = await harness.Bot.Client.PostAsJsonAsync("/chat/turn", new { conversationId = "c", userId = "u", text = "hello" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, slackEvent.StatusCode);
        Assert.Equal("5", slackEvent.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, webChat.StatusCode);
        Assert.Empty(harness.Slack.Calls);
    }

    private static async Task<HttpStatusCode?> TrySendAsync(SignedSlackRequests requests, System.Text.Json.Nodes.JsonObject envelope)
    {
        try
        {
            using var response = await requests.EventAsync(envelope);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null; // refused: the listener is closed
        }
    }

    /// <summary>`dotnet NotesGuard.Bot.dll` from the test's output folder on a free loopback port, with its own data folder.</summary>
    private sealed partial class BotProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly string _dataFolder = Directory.CreateTempSubdirectory("notesguard-shutdown-").FullName;

        private BotProcess(IDictionary<string, string> environment)
        {
            var psi = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { "NotesGuard.Bot.dll", "--urls", "http://127.0.0.1:0", "--environment", "Production" })
            {
                psi.ArgumentList.Add(argument);
            }

            psi.Environment["Storage__DataFolder"] = _dataFolder;
            psi.Environment["Logging__Console__FormatterName"] = "simple";
            foreach (var (key, value) in environment)
            {
                psi.Environment[key] = value;
            }

            _process = Process.Start(psi)!;
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public Uri BaseAddress { get; private set; } = null!;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<BotProcess> StartAsync(IDictionary<string, string> environment)
        {
            var app = new BotProcess(environment);
            await app.WaitUntilAsync(() => Task.FromResult(ListeningOn().IsMatch(app.Output)));
            app.BaseAddress = new Uri(ListeningOn().Match(app.Output).Groups["url"].Value);
            return app;
        }

        public void SendSigterm()
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
            Assert.Equal(0, kill.ExitCode);
        }

        public async Task<int> WaitForExitAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }

        /// <summary>Polls until the condition holds; fails (with the app's output) if the app exits or 30 s pass first.</summary>
        public async Task WaitUntilAsync(Func<Task<bool>> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!await condition())
            {
                Assert.True(DateTime.UtcNow < deadline && !_process.HasExited, $"gave up waiting\n{Output}");
                await Task.Delay(50);
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
            Directory.Delete(_dataFolder, recursive: true);
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }

        [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
        private static partial Regex ListeningOn();
    }
}
