using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace NotesGuard.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/benchmarks</c>: the turn benchmark (as a ratio to the bare store
/// baseline measured in the same run), then a short loopback HTTP load. <c>--load-only</c> skips the first.
/// <c>--serve-in-memory</c> instead runs the bot on the in-process store for tests/benchmarks/run.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Contains(InMemoryHost.Flag))
        {
            await InMemoryHost.RunAsync(args.Where(a => a != InMemoryHost.Flag).ToArray());
            return 0;
        }

        if (args.Contains("--teams-turn-loop"))
        {
            // The same turns in a plain loop, for dotnet-trace / dotnet-counters to watch.
            await TeamsTurnBenchmarks.LoopAsync(TimeSpan.FromSeconds(20));
            return 0;
        }

        if (args.Contains("--teams-turn"))
        {
            // A whole Teams turn in-process (allocations, connector calls per turn); see TeamsTurnBenchmarks.
            BenchmarkRunner.Run<TeamsTurnBenchmarks>(
                DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)),
                args.Where(a => a != "--teams-turn").ToArray());
            return 0;
        }

        if (!args.Contains("--load-only"))
        {
            // In-process: no separate build of a generated project, which a shared CI box pays for dearly.
            var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
            BenchmarkRunner.Run([typeof(TurnBenchmarks), typeof(StoreBenchmarks), typeof(CardRenderBenchmarks)], config, args.Where(a => a != "--load-only").ToArray());
        }

        // One client shows a turn's latency on its own; eight show throughput when turns queue for the cores.
        await LoopbackLoad.RunAsync(TimeSpan.FromSeconds(4), clients: 1);
        await LoopbackLoad.RunAsync(TimeSpan.FromSeconds(4), clients: 8);
        return 0;
    }
}
