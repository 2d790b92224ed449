using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Bot.Tests.Slack;

/// <summary>One call the fake Slack received: the method (or "response_url"), the bearer token, and the body.</summary>
public sealed record FakeSlackCall(string Method, string? Token, JsonObject Body, string RawBody, DateTimeOffset At)
{
    /// <summary>What the fake answered (null for scripted answers and response_url).</summary>
    public JsonObject? Answer { get; init; }

    /// <summary>The ts Slack gave a posted message, as the bot saw it.</summary>
    public string? AnsweredTs => Answer?["ts"]?.GetValue<string>();

    public string? Str(string name) => Body[name]?.GetValue<string>();

    /// <summary>All the text a person would read in this call: fallback text and every text object in the blocks.</summary>
    public string AllText => RawBody;
}

/// <summary>
/// A loopback stand-in for Slack's Web API (and for response_url endpoints) on Kestrel on a free port. It records
/// every call, answers like Slack does (ts for posted messages, a DM channel for conversations.open, a bot token for
/// oauth.v2.access), and can be told to be slow, to rate-limit, or to fail a method.
/// </summary>
public sealed class FakeSlackWebApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeSlackCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> _scripted = new();
    private readonly SemaphoreSlim _callArrived = new(0);
    private long _ts = 1_700_000_500_000_000;

    private FakeSlackWebApi(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Web API base, as Slack:ApiBaseUrl.</summary>
    public string ApiBaseUrl => new Uri(BaseAddress, "api/").ToString();

    /// <summary>A response_url for one command or interaction.</summary>
    public Uri ResponseUrl(string id) => new(BaseAddress, $"response/{id}");

    /// <summary>An upload address as files.getUploadURLExternal gives one; the bytes posted there are recorded as "file_upload", base64 in RawBody.</summary>
    public Uri UploadUrl(string id) => new(BaseAddress, $"upload/{id}");

    /// <summary>An upload address on this (allowed) host that answers 307 to <paramref name="target"/>: a redirect must not be followed.</summary>
    public Uri RedirectingUploadUrl(Uri target) => new(BaseAddress, $"redirect?to={Uri.EscapeDataString(target.ToString())}");

    /// <summary>The workspace auth.test says a token belongs to.</summary>
    public string AuthTestTeam { get; set; } = "T0PRACTICE";

    /// <summary>Every call waits this long before answering (to prove acks do not wait for Slack).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public IReadOnlyList<FakeSlackCall> Calls => [.. _calls];

    public IReadOnlyList<FakeSlackCall> CallsTo(string method) => [.. _calls.Where(c => c.Method == method)];

    public static async Task<FakeSlackWebApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlackWebApi(app);
        app.MapPost("/api/{method}", (HttpContext context, string method) => fake.HandleAsync(context, method));
        app.MapPost("/response/{id}", (HttpContext context) => fake.HandleAsync(context, "response_url"));
        app.MapPost("/upload/{id}", fake.UploadAsync);
        app.MapPost("/redirect", (HttpContext context) =>
        {
            fake.Record(new FakeSlackCall("redirect", null, [], "", DateTimeOffset.UtcNow));
            return Results.Redirect(context.Request.Query["to"].ToString(), permanent: false, preserveMethod: true);
        });
        // The root address ends in '/', so Slack method names resolve beneath it.
        fake.BaseAddress = await LoopbackAddress.StartAsync(app);
        return fake;
    }

    /// <summary>The next call to <paramref name="method"/> answers HTTP 429 with Retry-After.</summary>
    public void RateLimitNext(string method, int retryAfterSeconds) => StatusNext(method, 429, retryAfterSeconds);

    /// <summary>The next call to <paramref name="method"/> answers this HTTP status with Retry-After.</summary>
    public void StatusNext(string method, int status, int retryAfterSeconds) => Script(method, async context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.Response.WriteAsync("");
    });

    /// <summary>The next call to <paramref name="method"/> answers ok:false with this error.</summary>
    public void FailNext(string method, string error) => Script(method, context =>
        context.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = false, ["error"] = error }));

    /// <summary>The next call to <paramref name="method"/> answers with this JSON.</summary>
    public void AnswerNext(string method, JsonObject answer) => Script(method, context => context.Response.WriteAsJsonAsync(answer));

    /// <summary>The next call to <paramref name="method"/> answers with this HTTP status and no JSON.</summary>
    public void StatusNext(string method, int status) => Script(method, async context =>
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsync("unavailable");
    });

    /// <summary>Waits until at least <paramref name="count"/> recorded calls match, or fails after the timeout.</summary>
    public async Task<IReadOnlyList<FakeSlackCall>> WaitForAsync(Func<FakeSlackCall, bool> match, int count = 1, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var found = _calls.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"expected {count} matching Slack calls, saw {found.Count}; all calls: {string.Join(", ", _calls.Select(c => c.Method))}");
            }

            await _callArrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public Task<IReadOnlyList<FakeSlackCall>> WaitForAsync(string method, int count = 1, int timeoutMs = 10_000) =>
        WaitForAsync(c => c.Method == method, count, timeoutMs);

    private void Record(FakeSlackCall call)
    {
        _calls.Enqueue(call);
        _callArrived.Release();
    }

    private void Script(string method, Func<HttpContext, Task> response) =>
        _scripted.GetOrAdd(method, _ => new ConcurrentQueue<Func<HttpContext, Task>>()).Enqueue(response);

    private async Task UploadAsync(HttpContext context)
    {
        using var bytes = new MemoryStream();
        await context.Request.Body.CopyToAsync(bytes);
        var auth = context.Request.Headers.Authorization.ToString();
        Record(new FakeSlackCall("file_upload", auth.Length == 0 ? null : auth, [], Convert.ToBase64String(bytes.ToArray()), DateTimeOffset.UtcNow));
        await context.Response.WriteAsync("OK - " + bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task HandleAsync(HttpContext context, string method)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync();
        JsonObject body;
        if (context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true)
        {
            body = [];
            foreach (var (key, value) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(raw))
            {
                body[key] = value.ToString();
            }
        }
        else
        {
            body = (raw.Length == 0 ? null : JsonNode.Parse(raw) as JsonObject) ?? [];
        }

        var auth = context.Request.Headers.Authorization.ToString();
        var token = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..] : null;
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        if (_scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted))
        {
            Record(new FakeSlackCall(method, token, body, raw, DateTimeOffset.UtcNow));
            await scripted(context);
            return;
        }

        if (method == "response_url")
        {
            Record(new FakeSlackCall(method, token, body, raw, DateTimeOffset.UtcNow));
            await context.Response.WriteAsync("ok");
            return;
        }

        var answer = DefaultAnswer(method, body);
        Record(new FakeSlackCall(method, token, body, raw, DateTimeOffset.UtcNow) { Answer = answer });
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer.ToJsonString(), Encoding.UTF8);
    }

    private JsonObject DefaultAnswer(string method, JsonObject body)
    {
        var n = Interlocked.Increment(ref _ts);
        var ts = $"{n / 1_000_000}.{n % 1_000_000:D6}";
        return method switch
        {
            "chat.postMessage" => new JsonObject { ["ok"] = true, ["channel"] = body["channel"]?.DeepClone(), ["ts"] = ts },
            "chat.update" => new JsonObject { ["ok"] = true, ["channel"] = body["channel"]?.DeepClone(), ["ts"] = body["ts"]?.DeepClone() },
            "chat.postEphemeral" => new JsonObject { ["ok"] = true, ["message_ts"] = ts },
            "conversations.open" => new JsonObject { ["ok"] = true, ["channel"] = new JsonObject { ["id"] = "D" + body["users"]?.GetValue<string>() } },
            "oauth.v2.access" => new JsonObject
            {
                ["ok"] = true,
                ["access_token"] = "xoxb-installed-" + body["code"]?.GetValue<string>(),
                ["token_type"] = "bot",
                ["scope"] = "app_mentions:read,chat:write,commands,im:history,im:read,im:write",
                ["bot_user_id"] = "UBOTINSTALLED",
                ["app_id"] = "A0NOTESGUARD",
                ["team"] = new JsonObject { ["id"] = "TINSTALLED", ["name"] = "Installed Practice" },
            },
            "auth.test" => new JsonObject { ["ok"] = true, ["team_id"] = AuthTestTeam, ["user_id"] = "U0NOTESGUARD", ["bot_id"] = "B0NOTESGUARD" },
            "auth.revoke" => new JsonObject { ["ok"] = true, ["revoked"] = true },
            _ => new JsonObject { ["ok"] = true },
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _callArrived.Dispose();
    }
}
