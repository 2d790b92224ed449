using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Bot.Tests.Teams;
using NotesGuard.Guidance;

namespace NotesGuard.Bot.Tests.Letters;

/// <summary>
/// Teams and Slack follow the guidance card with one short message of document links under Letters:PublicBaseUrl,
/// through their ordinary text path; the links download from the bot.
/// </summary>
public sealed partial class LetterOfferInChannelsTests
{
    private const string PublicBase = "https://notesguard.example.org";

    [GeneratedRegex(@"https://notesguard\.example\.org(/letters/[A-Za-z0-9_-]{43})(\?format=text)?")]
    private static partial Regex LinkPattern();

    private static async Task<List<string>> DownloadAllAsync(RunningBot bot, string message)
    {
        var paths = LinkPattern().Matches(message).Select(m => m.Groups[1].Value + m.Groups[2].Value).ToList();
        Assert.NotEmpty(paths);
        foreach (var path in paths)
        {
            using var response = await bot.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
        }

        return paths;
    }

    [Fact]
    public async Task Teams_posts_the_document_links_right_after_the_card()
    {
        await using var connector = await RecordingConnector.StartAsync();
        await using var bot = await RunningBot.StartAsync(new Dictionary<string, string?> { ["Letters:PublicBaseUrl"] = PublicBase });

        foreach (var text in new[] { "hello", "england or wales", "defence", "no", "no", "yes" })
        {
            using var response = await bot.Client.PostAsJsonAsync("/api/messages", TeamsMessage(connector, text));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var messages = connector.Messages.Select(m => m.Body).ToList();
        var card = messages.FindIndex(m => m?["attachments"]?.ToJsonString().Contains("\"no-obligation-without-order\"", StringComparison.Ordinal) == true
            || (m?["summary"]?.GetValue<string>() ?? "").StartsWith("Without a court order", StringComparison.Ordinal));
        var offer = messages.FindIndex(m => (m?["text"]?.GetValue<string>() ?? "").StartsWith("Documents for this situation", StringComparison.Ordinal));
        Assert.True(card >= 0 && offer == card + 1, string.Join("\n", messages.Select(m => m?.ToJsonString())));
        var paths = await DownloadAllAsync(bot, messages[offer]!["text"]!.GetValue<string>());
        Assert.Equal(6, paths.Count); // reply, request log and agreement clause, each as Word and text
    }

    [Fact]
    public async Task Without_a_public_base_url_Teams_offers_no_documents()
    {
        await using var connector = await RecordingConnector.StartAsync();
        await using var bot = await RunningBot.StartAsync();

        foreach (var text in new[] { "hello", "england or wales", "defence", "no", "no", "yes" })
        {
            await bot.Client.PostAsJsonAsync("/api/messages", TeamsMessage(connector, text));
        }

        Assert.Contains(connector.Messages, m => (m.Body?["summary"]?.GetValue<string>() ?? "").Length > 0);
        Assert.DoesNotContain(connector.Messages, m => (m.Body?["text"]?.GetValue<string>() ?? "").Contains("/letters/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Slack_posts_the_document_links_after_the_card()
    {
        await using var harness = await SlackBotHarness.StartAsync(new Dictionary<string, string?> { ["Letters:PublicBaseUrl"] = PublicBase });
        var walkthrough = ((Advisor)harness.Bot.Services.GetRequiredService<IAdvisor>()).Walkthroughs().First(w => w.Advice.Outcome == "request-not-valid-yet");

        await harness.Requests.EventAsync(SlackPayloads.DirectMessage("EvLetters", "U0ALEX", "hello"));
        var modal = await harness.AnswerByClickingAsync("U0ALEX", "D0DIRECT", threadTs: null, walkthrough.Answers.ToDictionary(a => a.Key, a => a.Value));
        await harness.Requests.InteractionAsync(SlackPayloads.ViewSubmission("U0ALEX", modal.Body["view"]!["private_metadata"]!.GetValue<string>()));

        var offer = Assert.Single(await harness.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.RawBody.Contains("/letters/", StringComparison.Ordinal)));
        var posts = harness.Slack.CallsTo("chat.postMessage").ToList();
        var headline = NotesGuard.Slack.Rendering.Mrkdwn.Escape(walkthrough.Advice.Headline);
        Assert.True(posts.FindIndex(c => c.Str("text") == headline) < posts.IndexOf(offer), "the offer follows the card");
        var paths = await DownloadAllAsync(harness.Bot, offer.Str("text")!);
        Assert.Equal(10, paths.Count); // reply, report, consent form, request log and agreement clause, as Word and text
    }

    private static JsonObject TeamsMessage(RecordingConnector connector, string text) => new()
    {
        ["type"] = "message",
        ["id"] = $"letters-{Guid.NewGuid():N}",
        ["channelId"] = "msteams",
        ["serviceUrl"] = connector.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = "29:alex", ["name"] = "Alex" },
        ["recipient"] = new JsonObject { ["id"] = "28:notesguard", ["name"] = "NotesGuard" },
        ["conversation"] = new JsonObject { ["id"] = "a:alex-letters", ["conversationType"] = "personal" },
        ["text"] = text,
    };
}
