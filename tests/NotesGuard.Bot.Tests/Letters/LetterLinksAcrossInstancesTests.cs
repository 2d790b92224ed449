using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Letters;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Bot.Tests.Letters;

/// <summary>
/// Two app instances on one SQLite file, as behind a load balancer without session affinity: a link offered by
/// one downloads from the other, until it expires or the person says "forget me"; a guessed token never does.
/// </summary>
public sealed class LetterLinksAcrossInstancesTests
{
    private static async Task<(RunningBot A, RunningBot B, ManualClock Clock)> StartPairAsync()
    {
        var folder = Directory.CreateTempSubdirectory("notesguard-pair-").FullName;
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?> { ["Letters:LinkLifetimeMinutes"] = "5" };
        var a = await RunningBot.StartAsync(settings, dataFolder: folder, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var b = await RunningBot.StartAsync(settings, dataFolder: folder, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        return (a, b, clock);
    }

    private static async Task<(WebChatHttpClient Chat, List<string> Urls)> OffersOnAsync(RunningBot bot)
    {
        var chat = new WebChatHttpClient(bot.Client);
        foreach (var text in new[] { "hello", "england or wales", "defence", "no", "no", "no" })
        {
            await chat.SaysAsync(text);
        }

        if (chat.Reply("guidance") is null)
        {
            await chat.ClicksAsync("Show the guidance");
        }

        var documents = chat.Reply("documents")!["documents"]!.AsArray();
        return (chat, [.. documents.SelectMany(d => new[] { d!["docxUrl"]!.GetValue<string>(), d["textUrl"]!.GetValue<string>() })]);
    }

    [Fact]
    public async Task A_link_offered_by_one_instance_downloads_from_the_other()
    {
        var (a, b, _) = await StartPairAsync();
        await using (a)
        await using (b)
        {
            var (_, urls) = await OffersOnAsync(a);
            Assert.Equal(6, urls.Count);
            foreach (var url in urls)
            {
                using var response = await b.Client.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task On_the_other_instance_an_expired_link_is_404()
    {
        var (a, b, clock) = await StartPairAsync();
        await using (a)
        await using (b)
        {
            var url = (await OffersOnAsync(a)).Urls[0];
            clock.Advance(TimeSpan.FromMinutes(4));
            Assert.Equal(HttpStatusCode.OK, (await b.Client.GetAsync(url)).StatusCode);
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task On_the_other_instance_a_guessed_or_tampered_token_is_404()
    {
        var (a, b, _) = await StartPairAsync();
        await using (a)
        await using (b)
        {
            var url = (await OffersOnAsync(a)).Urls[0];
            var token = url[LetterEndpoints.PathPrefix.Length..];
            var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
            foreach (var guess in new[] { tampered, new string('A', 43), token.ToUpperInvariant() })
            {
                using var response = await b.Client.GetAsync(LetterEndpoints.PathPrefix + guess);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }

            Assert.Equal(HttpStatusCode.OK, (await b.Client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task After_forget_me_on_one_instance_the_links_are_404_on_the_other()
    {
        var (a, b, _) = await StartPairAsync();
        await using (a)
        await using (b)
        {
            var (chat, urls) = await OffersOnAsync(a);
            Assert.Equal(HttpStatusCode.OK, (await b.Client.GetAsync(urls[0])).StatusCode);

            await chat.SaysAsync("forget me");
            foreach (var url in urls)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync(url)).StatusCode);
            }
        }
    }
}
