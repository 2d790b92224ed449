using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NotesGuard.Bot;

namespace NotesGuard.Benchmarks;

/// <summary>
/// A whole typed Teams turn in-process, as a new user would run it: the published app's wiring in Development (no
/// auth), SQLite, the /api/messages endpoint from the body to the replies. Only the network is left out: the request
/// comes as an HttpContext straight to the endpoint (no Kestrel, no middleware), and the connector's HttpClient ends
/// in a handler that answers like Teams (<c>{"id":…}</c>) after reading the body the bot wrote. Each operation is two
/// typed turns in one of 256 conversations (answer the open question, then "back"), so the walkthrough is left as
/// found. The connector calls per turn are printed at the end of the run.
/// </summary>
[MemoryDiagnoser]
public class TeamsTurnBenchmarks
{
    private const int Conversations = 256;
    private const string ServiceUrl = "http://127.0.0.1:9/connector/";

    private readonly CountingConnector _connector = new();
    private string _folder = "";
    private WebApplication _app = null!;
    private RequestDelegate _endpoint = null!;
    private IServiceScopeFactory _scopes = null!;
    private long _activity;
    private long _turns;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("notesguard-teams-bench-").FullName;
        _app = BotApp.Build(
            ["--environment", "Development", "--urls", "http://127.0.0.1:0"],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Storage:DataFolder"] = _folder,
                    // One user per conversation; the per-person limit is not what is measured.
                    ["RateLimits:PerUserPerMinute"] = "100000",
                    ["Teams:OperationsPerSecondPerConversation"] = "100",
                });
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Services.AddHttpClient("NotesGuard.Teams.Connector").ConfigurePrimaryHttpMessageHandler(() => _connector);
            });
        _app.StartAsync().GetAwaiter().GetResult();
        _scopes = _app.Services.GetRequiredService<IServiceScopeFactory>();
        _endpoint = ((IEndpointRouteBuilder)_app).DataSources
            .SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == "/api/messages")
            .RequestDelegate!;

        for (var c = 0; c < Conversations; c++)
        {
            TypeAsync(c, "hello").GetAwaiter().GetResult();
            TypeAsync(c, "england-wales").GetAwaiter().GetResult();
        }

        _connector.Reset();
        _turns = 0;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine(
            $"// Teams turn: {_turns} turns, connector calls per turn: {(double)_connector.Calls / Math.Max(1, _turns):F2} "
            + $"(typing {(double)_connector.Typing / Math.Max(1, _turns):F2}, PUT {(double)_connector.Puts / Math.Max(1, _turns):F2})");
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Runs the benchmark's turns in a loop (no BenchmarkDotNet): turns per second and bytes allocated per turn.</summary>
    public static async Task LoopAsync(TimeSpan duration)
    {
        var bench = new TeamsTurnBenchmarks();
        bench.Setup();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await bench.TypedTurn();
        }

        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Console.WriteLine($"// {bench._turns} turns in {clock.Elapsed.TotalSeconds:F1} s: {bench._turns / clock.Elapsed.TotalSeconds:F0} turns/s, {bytes / bench._turns / 1024.0:F1} KB allocated per turn");
        bench.Cleanup();
    }

    /// <summary>Answers the open question by typing, then types "back": two turns that leave the walkthrough as found.</summary>
    [Benchmark(OperationsPerInvoke = 2, Description = "typed Teams turn: parse, route, engine, cards, connector")]
    public async Task<int> TypedTurn()
    {
        var conversation = _next++ % Conversations;
        var answered = await TypeAsync(conversation, "police");
        var back = await TypeAsync(conversation, "back");
        _turns += 2;
        return answered + back;
    }

    private async Task<int> TypeAsync(int conversation, string text)
    {
        var id = Interlocked.Increment(ref _activity);
        var body = Encoding.UTF8.GetBytes(
            $$$"""
            {"type":"message","id":"m{{{id}}}","timestamp":"2026-12-01T09:00:00Z","serviceUrl":"{{{ServiceUrl}}}","channelId":"msteams",
             "from":{"id":"29:user-{{{conversation}}}","name":"Alex Smith","aadObjectId":"00000000-0000-0000-0000-{{{conversation:D12}}}"},
             "conversation":{"id":"a:bench-{{{conversation}}}","conversationType":"personal","tenantId":"tenant-1"},
             "recipient":{"id":"28:notesguard","name":"NotesGuard"},"text":"{{{text}}}","textFormat":"plain","locale":"en-GB",
             "channelData":{"tenant":{"id":"tenant-1"} } }
            """);
        await using var scope = _scopes.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = "POST";
        context.Request.Path = "/api/messages";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        context.Response.Body = Stream.Null;
        await _endpoint(context);
        if (context.Response.StatusCode != 200)
        {
            throw new InvalidOperationException($"/api/messages answered {context.Response.StatusCode}");
        }

        return context.Response.StatusCode;
    }

    /// <summary>The connector at the end of the HttpClient: reads what the bot sends and answers like Teams.</summary>
    private sealed class CountingConnector : HttpMessageHandler
    {
        private static readonly byte[] TypingMarker = "\"type\":\"typing\""u8.ToArray();
        private int _ids;

        public int Calls;
        public int Typing;
        public int Puts;

        public void Reset() => Calls = Typing = Puts = 0;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            if (request.Method == HttpMethod.Put)
            {
                Interlocked.Increment(ref Puts);
            }

            if (request.Content is not null)
            {
                var sink = new PrefixSink();
                await request.Content.CopyToAsync(sink, cancellationToken);
                if (sink.Prefix.AsSpan().IndexOf(TypingMarker) >= 0)
                {
                    Interlocked.Increment(ref Typing);
                }
            }

            var status = request.Method == HttpMethod.Post ? HttpStatusCode.Created : HttpStatusCode.OK;
            return new HttpResponseMessage(status)
            {
                Content = new StringContent($"{{\"id\":\"activity-{Interlocked.Increment(ref _ids)}\"}}", Encoding.UTF8, "application/json"),
                RequestMessage = request,
            };
        }
    }

    /// <summary>Discards the body as a socket would send it, keeping its first bytes to tell a typing activity.</summary>
    private sealed class PrefixSink : Stream
    {
        public byte[] Prefix { get; } = new byte[48];

        private int _kept;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var take = Math.Min(Prefix.Length - _kept, buffer.Length);
            buffer[..take].CopyTo(Prefix.AsSpan(_kept));
            _kept += take;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
