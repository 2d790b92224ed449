using System.Net;
using DocumentFormat.OpenXml.Packaging;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Bot.Tests.Slack;

namespace NotesGuard.Bot.Tests.Letters;

/// <summary>
/// Teams and Slack follow the guidance card with the "Documents for this case" card (links under
/// Letters:PublicBaseUrl, and "Read it here"); the links download from the bot and the button shows the text.
/// </summary>
public sealed partial class LetterOfferInChannelsTests
{
    private const string PublicBase = "https://notesguard.example.org";
    private const string Conversation = "a:alex-letters";

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

    /// <summary>Every object of that Adaptive Card type anywhere in the JSON, in document order.</summary>
    private static List<JsonObject> ObjectsOfType(JsonNode? node, string type)
    {
        var found = new List<JsonObject>();
        void Walk(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                if ((o["type"] as JsonValue)?.GetValue<string>() == type)
                {
                    found.Add(o);
                }

                foreach (var (_, child) in o)
                {
                    Walk(child);
                }
            }
            else if (n is JsonArray a)
            {
                foreach (var child in a)
                {
                    Walk(child);
                }
            }
        }

        Walk(node);
        return found;
    }

    [Fact]
    public async Task Teams_follows_the_card_with_a_documents_card_whose_actions_download_and_show_the_text()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        await using var bot = await RunningBot.StartAsync(new Dictionary<string, string?> { ["Letters:PublicBaseUrl"] = PublicBase });

        await DocumentsOfferWalk.InTeamsAsync(bot, connector, Conversation);

        var messages = connector.Messages.Select(m => m.Body).ToList();
        var card = messages.FindIndex(m => (m?["summary"]?.GetValue<string>() ?? "").StartsWith("Without a court order", StringComparison.Ordinal));
        var offer = messages.FindIndex(m => m?["summary"]?.GetValue<string>() == "Documents for this case");
        Assert.True(card >= 0 && offer == card + 1, string.Join("\n", messages.Select(m => m?.ToJsonString())));
        var content = messages[offer]!["attachments"]![0]!["content"];
        Assert.Equal("Documents for this case", ObjectsOfType(content, "TextBlock")[0]["text"]!.GetValue<string>());

        // reply, request log and agreement clause: each a Word and a text download, and "Read it here"
        var urls = ObjectsOfType(content, "Action.OpenUrl").Select(a => a["url"]!.GetValue<string>()).ToList();
        Assert.Equal(6, urls.Count);
        await DownloadAllAsync(bot, string.Join(" ", urls));
        var readHere = ObjectsOfType(content, "Action.Submit").Where(a => a["title"]!.GetValue<string>() == "Read it here").ToList();
        Assert.Equal(3, readHere.Count);

        // Clicking "Read it here" on the reply answers with the reply's whole text in the chat.
        using (var response = await bot.Client.PostAsJsonAsync("/api/messages", DocumentsOfferWalk.TeamsClick(connector, readHere[0]["data"]!, Conversation)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var shown = connector.Messages[^1].Body!["text"]!.GetValue<string>();
        Assert.StartsWith("Reply: I will not release the notes", shown, StringComparison.Ordinal);
        Assert.Contains("comes from the solicitors for the defence", shown, StringComparison.Ordinal);
        Assert.Contains("Sources", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_it_here_with_an_unknown_token_says_the_link_has_expired()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        await using var bot = await RunningBot.StartAsync(new Dictionary<string, string?> { ["Letters:PublicBaseUrl"] = PublicBase });
        var unknown = new JsonObject { ["notesguard"] = "letters|read|" + new string('A', 43) };

        using var response = await bot.Client.PostAsJsonAsync("/api/messages", DocumentsOfferWalk.TeamsClick(connector, unknown, Conversation));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("has expired", connector.Messages[^1].Body!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_public_base_url_Teams_offers_no_documents()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        await using var bot = await RunningBot.StartAsync();

        await DocumentsOfferWalk.InTeamsAsync(bot, connector, Conversation);

        Assert.Contains(connector.Messages, m => (m.Body?["summary"]?.GetValue<string>() ?? "").StartsWith("Without a court order", StringComparison.Ordinal));
        Assert.DoesNotContain(connector.Messages, m => (m.Body?.ToJsonString() ?? "").Contains("/letters/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Slack_follows_the_card_with_link_buttons_and_read_it_here_shows_the_text()
    {
        await using var harness = await SlackBotHarness.StartAsync(new Dictionary<string, string?> { ["Letters:PublicBaseUrl"] = PublicBase });
        var (walkthrough, offer) = await DocumentsOfferWalk.InSlackAsync(harness, "EvLetters");
        var posts = harness.Slack.CallsTo("chat.postMessage").ToList();
        var headline = NotesGuard.Slack.Rendering.Mrkdwn.Escape(walkthrough.Advice.Headline);
        Assert.True(posts.FindIndex(c => c.Str("text") == headline) < posts.IndexOf(offer), "the offer follows the card");
        Assert.Equal("Documents for this case", offer.Str("text"));

        // reply, report, consent form, request log and agreement clause: Word and text as link buttons, and "Read it here"
        var buttons = SlackBotHarness.Buttons(offer.Body).ToList();
        var urls = buttons.Where(b => b["url"] is not null).Select(b => b["url"]!.GetValue<string>()).ToList();
        Assert.Equal(10, urls.Count);
        Assert.All(buttons.Where(b => b["url"] is not null), b => Assert.Null(b["value"]));
        await DownloadAllAsync(harness.Bot, string.Join(" ", urls));
        var readHere = buttons.Where(b => b["text"]!["text"]!.GetValue<string>() == "Read it here").ToList();
        Assert.Equal(5, readHere.Count);

        await harness.Requests.InteractionAsync(SlackPayloads.Click(
            "U0ALEX", readHere[0]["action_id"]!.GetValue<string>(), readHere[0]["value"]!.GetValue<string>(), "D0DIRECT", "1700000999.000100"));
        var shown = await harness.Slack.WaitForAsync(c => c.RawBody.Contains("Your request for counselling information", StringComparison.Ordinal) && !c.RawBody.Contains("/letters/", StringComparison.Ordinal));
        Assert.Contains("Reply: please send the request in writing", shown[0].RawBody, StringComparison.Ordinal);
        Assert.Equal("chat.postEphemeral", shown[0].Method); // to the person who clicked only
        Assert.Equal("U0ALEX", shown[0].Str("user"));

        // "Send the Word file here": files.getUploadURLExternal, the bytes to its address, files.completeUploadExternal.
        var sendFile = buttons.Where(b => b["text"]!["text"]!.GetValue<string>() == "Send the Word file here").ToList();
        Assert.Equal(5, sendFile.Count);
        harness.Slack.AnswerNext("files.getUploadURLExternal", new JsonObject { ["ok"] = true, ["upload_url"] = harness.Slack.UploadUrl("F1").ToString(), ["file_id"] = "F1" });
        await harness.Requests.InteractionAsync(SlackPayloads.Click(
            "U0ALEX", sendFile[0]["action_id"]!.GetValue<string>(), sendFile[0]["value"]!.GetValue<string>(), "D0DIRECT", "1700000999.000100", actionTs: "1700000999.000200"));
        var complete = Assert.Single(await harness.Slack.WaitForAsync("files.completeUploadExternal"));
        Assert.Equal("F1", complete.Body["files"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("Reply: please send the request in writing", complete.Body["files"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("D0DIRECT", complete.Str("channel_id"));
        var asked = Assert.Single(harness.Slack.CallsTo("files.getUploadURLExternal"));
        Assert.Equal("notesguard-reply-ask-for-written-request.docx", asked.Str("filename"));
        var upload = Assert.Single(harness.Slack.CallsTo("file_upload"));
        Assert.Null(upload.Token); // the upload address is the credential; the bot token stays with the Web API
        using var document = WordprocessingDocument.Open(new MemoryStream(Convert.FromBase64String(upload.RawBody)), isEditable: false);
        Assert.StartsWith("Reply: please send the request in writing", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
        Assert.Equal(Convert.FromBase64String(upload.RawBody).Length.ToString(System.Globalization.CultureInfo.InvariantCulture), asked.Str("length"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Slack_never_sends_a_document_to_an_upload_address_off_Slack(bool byRedirect)
    {
        await using var elsewhere = await FakeSlackWebApi.StartAsync();
        await using var harness = await SlackBotHarness.StartAsync(new Dictionary<string, string?> { ["Letters:PublicBaseUrl"] = PublicBase });
        var (_, offer) = await DocumentsOfferWalk.InSlackAsync(harness, "EvLettersUpload");
        var sendFile = SlackBotHarness.Buttons(offer.Body).First(b => b["text"]!["text"]!.GetValue<string>() == "Send the Word file here");

        // An answer naming another host (here a second loopback server), or an address on Slack's host that redirects
        // there, gets nothing: the person is told to use the link.
        var uploadUrl = byRedirect ? harness.Slack.RedirectingUploadUrl(elsewhere.UploadUrl("F2")) : elsewhere.UploadUrl("F2");
        harness.Slack.AnswerNext("files.getUploadURLExternal", new JsonObject { ["ok"] = true, ["upload_url"] = uploadUrl.ToString(), ["file_id"] = "F2" });
        await harness.Requests.InteractionAsync(SlackPayloads.Click(
            "U0ALEX", sendFile["action_id"]!.GetValue<string>(), sendFile["value"]!.GetValue<string>(), "D0DIRECT", "1700000999.000100", actionTs: "1700000999.000300"));
        await harness.Slack.WaitForAsync(c => c.Method == "chat.postEphemeral" && c.RawBody.Contains("could not be sent here", StringComparison.Ordinal));
        Assert.Empty(elsewhere.Calls);
        Assert.Empty(harness.Slack.CallsTo("files.completeUploadExternal"));
        Assert.Equal(byRedirect ? 1 : 0, harness.Slack.CallsTo("redirect").Count);
    }
}
