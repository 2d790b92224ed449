using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Conversations.State;

namespace NotesGuard.Bot.Tests.Host;

public sealed class HealthTests
{
    [Fact]
    public async Task Liveness_and_readiness_answer_when_the_store_is_there()
    {
        await using var bot = await RunningBot.StartAsync(ProductionSettings.With(), "Production");

        Assert.Equal(HttpStatusCode.OK, (await bot.Client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.Client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Readiness_fails_but_liveness_holds_when_the_store_cannot_be_reached()
    {
        await using var bot = await RunningBot.StartAsync();
        // A recent turn leaves a pooled connection open on the file; readiness must not be fooled by it.
        await bot.Services.GetRequiredService<IStateStore>().PurgeExpiredAsync();
        Directory.Delete(bot.DataFolder, recursive: true);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await bot.Client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.Client.GetAsync("/healthz")).StatusCode);
    }
}
