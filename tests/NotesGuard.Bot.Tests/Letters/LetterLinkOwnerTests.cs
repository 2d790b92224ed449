using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotesGuard.Bot.Letters;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Bot.Tests.Slack;

namespace NotesGuard.Bot.Tests.Letters;

/// <summary>
/// "Read it here" and "Send the Word file here" answer only the person the documents were offered to, in the
/// channel they were offered in: a button in a group is pressed by anyone in it, and a token is only a string
/// that can be pasted into another channel's turn. Anyone else hears "has expired", as for an unknown token.
/// The plain download (<c>GET /letters/{token}</c>) stays a short-lived bearer link.
/// </summary>
public sealed partial class LetterLinkOwnerTests
{
    private const string PublicBase = "https://notesguard.example.org";
    private const string Group = "19:supervision-letters@thread.v2";

    // The opening words of the reply offered after the defence walkthrough below.
    private const string ReplyText = "Reply: I will not release the notes";

    [GeneratedRegex(@"letters\|read\|([A-Za-z0-9_-]{43})")]
    private static partial Regex ReadValue();

    [Fact]
    public async Task In_a_Teams_group_only_the_owner_gets_the_text_from_read_it_here()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        await using var bot = await RunningBot.StartAsync(new Dictionary<string, string?> { ["Letters:PublicBaseUrl"] = PublicBase });
        var readHere = await TeamsReadHereAsync(bot, connector, Group, "groupChat");

        // Sam, in the same group, presses Alex's button: no document, and nothing saying it exists.
        var samSees = await ClickAsync(bot, connector, readHere, Group, "groupChat", "29:sam", "Sam");
        Assert.DoesNotContain(ReplyText, samSees, StringComparison.Ordinal);
        Assert.Contains("has expired", samSees, StringComparison.Ordinal);

        // Alex still gets the whole text.
        var alexSees = await ClickAsync(bot, connector, readHere, Group, "groupChat", "29:alex", "Alex");
        Assert.Contains(ReplyText, alexSees, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Teams_token_answers_nothing_in_a_web_chat_turn_but_still_downloads()
    {
        await using var connector = await FakeBotConnector.StartAsync();
        await using var bot = await RunningBot.StartAsync(new Dictionary<string, string?> { ["Letters:PublicBaseUrl"] = PublicBase });
        var readHere = await TeamsReadHereAsync(bot, connector, "a:alex-letters-owner", "personal");
        var token = ReadValue().Match(readHere.ToJsonString()).Groups[1].Value;

        var chat = new WebChatHttpClient(bot.Client, "conv-elsewhere", "alex");
        var shown = WebChatHttpClient.Describe(await chat.ClicksValueAsync(LetterOfferingTurnHandler.ReadPrefix + token));
        Assert.DoesNotContain(ReplyText, shown, StringComparison.Ordinal);
        Assert.Contains("has expired", shown, StringComparison.Ordinal);

        // The download link is a bearer link by design (documented): whoever holds it while it lives gets the file.
        using var download = await bot.Client.GetAsync(LetterEndpoints.PathPrefix + token + "?format=text");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);

        // And it still reads for Alex in Teams.
        Assert.Contains(ReplyText, await ClickAsync(bot, connector, readHere, "a:alex-letters-owner", "personal", "29:alex", "Alex"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Slack_only_the_owner_can_read_or_send_the_file_and_the_token_answers_nothing_in_a_web_chat_turn()
    {
        await using var harness = await SlackBotHarness.StartAsync(new Dictionary<string, string?> { ["Letters:PublicBaseUrl"] = PublicBase });
        var (_, offer) = await DocumentsOfferWalk.InSlackAsync(harness, "EvLettersOwner");
        var buttons = SlackBotHarness.Buttons(offer.Body).ToList();
        var readHere = buttons.First(b => b["text"]!["text"]!.GetValue<string>() == "Read it here");
        var sendFile = buttons.First(b => b["text"]!["text"]!.GetValue<string>() == "Send the Word file here");

        // Someone else pressing Alex's buttons (as they could in a shared channel) gets "expired" and no upload.
        await harness.Requests.InteractionAsync(SlackPayloads.Click(
            "U0SAM", readHere["action_id"]!.GetValue<string>(), readHere["value"]!.GetValue<string>(), "D0DIRECT", "1700000999.000100", actionTs: "1700000999.000400"));
        var samSees = Assert.Single(await harness.Slack.WaitForAsync(c => c.Method == "chat.postEphemeral" && c.Str("user") == "U0SAM"));
        Assert.Contains("has expired", samSees.RawBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Your request for counselling information", samSees.RawBody, StringComparison.Ordinal);
        await harness.Requests.InteractionAsync(SlackPayloads.Click(
            "U0SAM", sendFile["action_id"]!.GetValue<string>(), sendFile["value"]!.GetValue<string>(), "D0DIRECT", "1700000999.000100", actionTs: "1700000999.000500"));
        await harness.Slack.WaitForAsync(c => c.Method == "chat.postEphemeral" && c.Str("user") == "U0SAM" && c.RawBody.Contains("has expired", StringComparison.Ordinal), count: 2);
        Assert.Empty(harness.Slack.CallsTo("files.getUploadURLExternal"));

        // The Slack token pasted into a web chat turn on the same app answers nothing.
        var token = ReadValue().Match(readHere["value"]!.GetValue<string>()).Groups[1].Value;
        var chat = new WebChatHttpClient(harness.Bot.Client, "conv-elsewhere", "U0ALEX");
        var shown = WebChatHttpClient.Describe(await chat.ClicksValueAsync(LetterOfferingTurnHandler.ReadPrefix + token));
        Assert.DoesNotContain("Your request for counselling information", shown, StringComparison.Ordinal);
        Assert.Contains("has expired", shown, StringComparison.Ordinal);

        // And in a Teams turn even from the very same owner id: a token answers only in the channel it was offered in.
        await using var connector = await FakeBotConnector.StartAsync();
        var teamsSees = await ClickAsync(
            harness.Bot, connector, new JsonObject { ["notesguard"] = readHere["value"]!.GetValue<string>() }, "a:alex-elsewhere", "personal", $"{SlackPayloads.Team}:U0ALEX", "Alex");
        Assert.DoesNotContain("Your request for counselling information", teamsSees, StringComparison.Ordinal);
        Assert.Contains("has expired", teamsSees, StringComparison.Ordinal);

        // Alex still reads it.
        await harness.Requests.InteractionAsync(SlackPayloads.Click(
            "U0ALEX", readHere["action_id"]!.GetValue<string>(), readHere["value"]!.GetValue<string>(), "D0DIRECT", "1700000999.000100", actionTs: "1700000999.000600"));
        var alexSees = await harness.Slack.WaitForAsync(c => c.Method == "chat.postEphemeral" && c.Str("user") == "U0ALEX" && c.RawBody.Contains("Your request for counselling information", StringComparison.Ordinal));
        Assert.NotEmpty(alexSees);
    }

    /// <summary>Alex walks through a defence request in Teams and is offered documents; the reply's "Read it here" value.</summary>
    private static async Task<JsonNode> TeamsReadHereAsync(RunningBot bot, FakeBotConnector connector, string conversationId, string conversationType)
    {
        await DocumentsOfferWalk.InTeamsAsync(bot, connector, conversationId, conversationType);
        var offer = connector.Messages.Select(m => m.Body).LastOrDefault(m => m?["summary"]?.GetValue<string>() == "Documents for this case");
        Assert.True(offer is not null, string.Join("\n", connector.Messages.Select(m => m.Body?.ToJsonString())));
        var data = ReadValue().Match(offer!.ToJsonString()).Groups[0].Value;
        Assert.NotEmpty(data);
        return new JsonObject { ["notesguard"] = data };
    }

    private static async Task<string> ClickAsync(RunningBot bot, FakeBotConnector connector, JsonNode value, string conversationId, string conversationType, string userId, string userName)
    {
        var before = connector.Messages.Count;
        using var response = await bot.Client.PostAsJsonAsync("/api/messages", DocumentsOfferWalk.TeamsClick(connector, value, conversationId, conversationType, userId, userName));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return string.Join("\n", connector.Messages.Skip(before).Select(m => m.Body?.ToJsonString()));
    }
}
