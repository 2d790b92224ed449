using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NotesGuard.Bot;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Benchmarks;

/// <summary>
/// A short HTTP load on loopback: the real app on Kestrel, several clients each running their own walkthrough
/// through POST /chat/turn (answer, back, answer, back…). Prints turns per second and latency percentiles.
/// </summary>
internal static class LoopbackLoad
{
    public static async Task RunAsync(TimeSpan duration, int clients)
    {
        var folder = Directory.CreateTempSubdirectory("notesguard-load-").FullName;
        var app = BotApp.Build(
            ["--environment", "Production", "--urls", "http://127.0.0.1:0"],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Storage:DataFolder"] = folder,
                    ["WebChat:Enabled"] = "true",
                    // Not measuring Teams: in Production it needs an App ID, so it is switched off.
                    ["Teams:Enabled"] = "false",
                    // Every simulated client shares 127.0.0.1: measure the engine, not the per-address limit.
                    ["RateLimits:PerIpPerMinute"] = "1000000",
                });
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
            });
        var address = await LoopbackAddress.StartAsync(app);
        try
        {
            using var http = new HttpClient { BaseAddress = address };

            // Warm up: JIT, connection pool, SQLite pages.
            await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Walk(http, c, TimeSpan.FromSeconds(1), [])));

            var latencies = new List<double>[clients];
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Walk(http, c + clients, duration, latencies[c] = new List<double>(100_000))));
            var elapsed = clock.Elapsed;

            var all = latencies.SelectMany(l => l).Order().ToArray();
            Console.WriteLine();
            Console.WriteLine($"Loopback HTTP load: POST /chat/turn, {clients} concurrent clients, {elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"  turns:     {all.Length}");
            Console.WriteLine($"  turns/s:   {all.Length / elapsed.TotalSeconds:F0}");
            Console.WriteLine($"  p50:       {Percentile(all, 0.50):F2} ms");
            Console.WriteLine($"  p99:       {Percentile(all, 0.99):F2} ms");
            Console.WriteLine($"  max:       {all[^1]:F2} ms");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task Walk(HttpClient http, int client, TimeSpan duration, List<double> latencies)
    {
        string[] script = ["england-wales", "police", "back", "back"];
        var conversation = $"load{client}";
        await Send(http, conversation, "hello");
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        for (var i = 0; Stopwatch.GetTimestamp() < until; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await Send(http, conversation, script[i % script.Length]);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static async Task Send(HttpClient http, string conversation, string text)
    {
        using var response = await http.PostAsJsonAsync("/chat/turn", new { conversationId = conversation, userId = "u", text });
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
