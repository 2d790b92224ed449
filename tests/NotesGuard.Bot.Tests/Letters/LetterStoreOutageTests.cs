using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Letters;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

using NotesGuard.Tests.Shared;

namespace NotesGuard.Bot.Tests.Letters;

/// <summary>
/// When the store cannot take or give document links, the walkthrough is not lost: the card still comes (without
/// documents), a download says "try again" (503, not a 500 page) and "Read it here" answers politely.
/// </summary>
public sealed class LetterStoreOutageTests
{
    [Fact]
    public async Task The_card_still_comes_and_downloads_and_read_it_here_say_try_again()
    {
        await using var bot = await RunningBot.StartAsync(configure: b => b.Services.AddSingleton<IStateStore>(new LinklessStore(new InProcessStateStore())));
        var chat = new WebChatHttpClient(bot.Client);
        foreach (var text in new[] { "hello", "england or wales", "defence", "no", "no", "no" })
        {
            await chat.SaysAsync(text);
        }

        if (chat.Reply("guidance") is null)
        {
            await chat.ClicksAsync("Show the guidance");
        }

        Assert.Equal("no-obligation-without-order", chat.Reply("guidance")!["outcome"]!.GetValue<string>());
        Assert.Null(chat.Reply("documents"));

        using var download = await bot.Client.GetAsync(LetterEndpoints.PathPrefix + new string('A', 43));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, download.StatusCode);
        Assert.Contains("try again", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var replies = await chat.ClicksValueAsync(LetterOfferingTurnHandler.ReadPrefix + new string('A', 43));
        Assert.Equal(LetterOfferingTurnHandler.UnavailableText, Assert.Single(replies)!["text"]!.GetValue<string>());
    }

    /// <summary>A store that is down for document links only (every other kind works).</summary>
    private sealed class LinklessStore(IStateStore inner) : DelegatingStateStore(inner)
    {
        public override Task<StoredState?> ReadAsync(RecordKind kind, StateKey key, CancellationToken cancellationToken = default) =>
            kind == RecordKind.LetterLink ? throw new TimeoutException("store down") : base.ReadAsync(kind, key, cancellationToken);

        public override Task<string?> TryWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
            kind == RecordKind.LetterLink ? throw new TimeoutException("store down") : base.TryWriteAsync(kind, key, owner, data, expectedETag, timeToLive, cancellationToken);

        public override Task<FirstDelivery> TryMarkProcessedAndReadAsync(RecordKind kind, StateKey key, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default) =>
            kind == RecordKind.LetterLink ? throw new TimeoutException("store down") : base.TryMarkProcessedAndReadAsync(kind, key, deliveryId, duplicateWindow, cancellationToken);

        public override Task<MarkedWrite> TryMarkProcessedAndWriteAsync(RecordKind kind, StateKey key, string owner, byte[] data, string? expectedETag, TimeSpan timeToLive, string deliveryId, TimeSpan duplicateWindow, CancellationToken cancellationToken = default) =>
            kind == RecordKind.LetterLink
                ? throw new TimeoutException("store down")
                : base.TryMarkProcessedAndWriteAsync(kind, key, owner, data, expectedETag, timeToLive, deliveryId, duplicateWindow, cancellationToken);
    }
}
