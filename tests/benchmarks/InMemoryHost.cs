using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot;
using NotesGuard.Conversations.State;

namespace NotesGuard.Benchmarks;

/// <summary>
/// <c>NotesGuard.Benchmarks --serve-in-memory</c>: the whole NotesGuard app with the state store swapped for the
/// in-process one, so tests/benchmarks/run can set NotesGuard without a database against the bare-Kestrel ceiling.
/// The bot host offers no in-memory provider on purpose (walkthroughs must survive a restart), so the swap lives here,
/// the same way the integration tests replace services, and everything else is the published app's code.
/// </summary>
internal static class InMemoryHost
{
    public const string Flag = "--serve-in-memory";

    public static async Task RunAsync(string[] args)
    {
        var app = BotApp.Build(args, builder => builder.Services.AddSingleton<IStateStore>(new InProcessStateStore()));
        await app.RunAsync();
    }
}
