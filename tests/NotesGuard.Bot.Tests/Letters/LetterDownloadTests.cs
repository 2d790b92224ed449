using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Letters;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Conversations.State;
using NotesGuard.Guidance;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Bot.Tests.Letters;

/// <summary>
/// The web chat offers the documents that fit the card as short-lived, unguessable links; the documents carry
/// only codes and settings, never anything typed in the chat.
/// </summary>
public sealed class LetterDownloadTests
{
    private const string Canary = "CANARY-Zq81 Jane Doe 12 Elm Street";

    private static async Task<WebChatHttpClient> WalkToGuidanceAsync(RunningBot bot)
    {
        var chat = new WebChatHttpClient(bot.Client);
        await chat.SaysAsync("hello " + Canary);
        await chat.ClicksAsync("England or Wales");
        await chat.SaysAsync(Canary); // not a choice: the question is asked again, and the text must go nowhere
        await chat.SaysAsync("defence");
        await chat.SaysAsync("no " + Canary);
        await chat.SaysAsync("no");
        await chat.SaysAsync("no");
        if (chat.Reply("guidance") is null)
        {
            await chat.ClicksAsync("Show the guidance");
        }

        Assert.Equal("no-obligation-without-order", chat.Reply("guidance")!["outcome"]!.GetValue<string>());
        return chat;
    }

    private static List<(string Kind, string Docx, string Text)> Offers(WebChatHttpClient chat) =>
        [.. chat.Reply("documents")!["documents"]!.AsArray().Select(d => (
            d!["kind"]!.GetValue<string>(), d["docxUrl"]!.GetValue<string>(), d["textUrl"]!.GetValue<string>()))];

    [Fact]
    public async Task After_the_card_the_documents_that_fit_are_offered_and_none_contains_typed_text()
    {
        await using var bot = await RunningBot.StartAsync(new Dictionary<string, string?> { ["Practice:PracticeName"] = "Riverside Counselling" });
        var chat = await WalkToGuidanceAsync(bot);

        var offers = Offers(chat);
        Assert.Equal(["reply", "request-log", "agreement-clause"], offers.Select(o => o.Kind));
        foreach (var (kind, docxUrl, textUrl) in offers)
        {
            using var docx = await bot.Client.GetAsync(docxUrl);
            Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", docx.Content.Headers.ContentDisposition!.DispositionType);
            Assert.StartsWith($"notesguard-{kind}", docx.Content.Headers.ContentDisposition.FileNameStar ?? docx.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
            Assert.Contains("no-store", docx.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
            var bytes = await docx.Content.ReadAsByteArrayAsync();

            // Every part of the package, not just the body text: properties, styles, everything.
            using (var zip = new ZipArchive(new MemoryStream(bytes)))
            {
                foreach (var entry in zip.Entries)
                {
                    using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                    var part = await reader.ReadToEndAsync();
                    Assert.DoesNotContain("CANARY", part, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain("Jane Doe", part, StringComparison.Ordinal);
                }
            }

            using var document = WordprocessingDocument.Open(new MemoryStream(bytes), isEditable: false);
            Assert.Contains("Riverside Counselling", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);

            var text = await bot.Client.GetStringAsync(textUrl);
            Assert.DoesNotContain("CANARY", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Riverside Counselling", text, StringComparison.Ordinal);
        }

        // The requester answer (a code) does reach the reply, worded by the rulebook.
        Assert.Contains("comes from the solicitors for the defence", await bot.Client.GetStringAsync(offers[0].Text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_expires_after_its_lifetime()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var bot = await RunningBot.StartAsync(
            new Dictionary<string, string?> { ["Letters:LinkLifetimeMinutes"] = "5" },
            configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var chat = await WalkToGuidanceAsync(bot);
        var url = Offers(chat)[0].Docx;

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, (await bot.Client.GetAsync(url)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NotFound, (await bot.Client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Guessed_tampered_or_malformed_tokens_get_404()
    {
        await using var bot = await RunningBot.StartAsync();
        var chat = await WalkToGuidanceAsync(bot);
        var url = Offers(chat)[0].Docx;
        var token = url[LetterEndpoints.PathPrefix.Length..];
        Assert.Equal(43, token.Length); // 256 random bits, base64url

        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        foreach (var guess in new[] { tampered, new string('A', 43), "1", "../../appsettings.json", token + "x", token.ToUpperInvariant() })
        {
            using var response = await bot.Client.GetAsync(LetterEndpoints.PathPrefix + Uri.EscapeDataString(guess));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("unknown or has expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await bot.Client.GetAsync(url + "?format=pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.Client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_link_is_stored_as_its_hash_owned_by_the_person_with_only_codes()
    {
        var folder = Directory.CreateTempSubdirectory("notesguard-links-").FullName;
        using var store = new SqliteStateStore(Path.Combine(folder, "state.db"), TimeProvider.System);
        var links = new LetterLinks(store, Microsoft.Extensions.Options.Options.Create(new LetterLinkOptions()));
        var answers = AnswerSet.From([new("requester", "police")]);
        var token = (await links.CreateAsync("webchat", "user-7", "reply", "request-not-valid-yet", answers))!;

        var link = (await links.FindAsync(token))!;
        Assert.Equal(("reply", "request-not-valid-yet"), (link.Kind, link.Outcome));
        Assert.Equal(answers, link.Answers);
        Assert.NotEqual(token, await links.CreateAsync("webchat", "user-7", "reply", "request-not-valid-yet", answers));

        await using var connection = new SqliteConnection($"Data Source={store.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, owner, data FROM {SqliteStateStore.TableOf(RecordKind.LetterLink)}";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            Assert.DoesNotContain(token, reader.GetString(0), StringComparison.Ordinal);
            Assert.Equal("user-7", reader.GetString(1));
            var data = JsonNode.Parse((byte[])reader.GetValue(2))!.AsObject();
            Assert.Equal(["kind", "outcome", "answers", "ownerHash"], data.Select(p => p.Key));
            Assert.DoesNotContain(token, data.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain("user-7", data.ToJsonString(), StringComparison.Ordinal); // the owner column names them; the data only its hash
        }

        Assert.Equal(2, rows);
    }

    [Fact]
    public async Task For_the_in_chat_actions_a_link_is_found_only_for_its_owner_in_its_channel()
    {
        var folder = Directory.CreateTempSubdirectory("notesguard-links-").FullName;
        using var store = new SqliteStateStore(Path.Combine(folder, "state.db"), TimeProvider.System);
        var links = new LetterLinks(store, Microsoft.Extensions.Options.Options.Create(new LetterLinkOptions()));
        var answers = AnswerSet.From([new("requester", "police")]);
        var token = (await links.CreateAsync("msteams", "29:alex", "reply", "request-not-valid-yet", answers))!;

        Assert.Equal("reply", (await links.FindOwnedAsync(token, "msteams", "29:alex"))?.Kind);
        Assert.Null(await links.FindOwnedAsync(token, "msteams", "29:sam"));
        Assert.Null(await links.FindOwnedAsync(token, "slack", "29:alex"));
        Assert.Null(await links.FindOwnedAsync(token, "webchat", "29:alex"));
        Assert.Null(await links.FindOwnedAsync(token, "msteams", ""));
        Assert.Null(await links.FindOwnedAsync(new string('A', 43), "msteams", "29:alex"));
        Assert.NotNull(await links.FindAsync(token)); // the download stays a bearer link
    }

    [Theory]
    [InlineData("Letters:LinkLifetimeMinutes", "0", "Letters:LinkLifetimeMinutes must be between 1 and 60 (got 0).")]
    [InlineData("Letters:PublicBaseUrl", "http://notesguard.example.org", "Letters:PublicBaseUrl 'http://notesguard.example.org' must be an https address")]
    public async Task A_bad_letters_setting_stops_the_app_naming_the_key(string key, string value, string message)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RunningBot.StartAsync(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(message, failure.ToString(), StringComparison.Ordinal);
    }
}
