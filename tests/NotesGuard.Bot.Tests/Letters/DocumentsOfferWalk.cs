using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Guidance;

namespace NotesGuard.Bot.Tests.Letters;

/// <summary>
/// Alex walks a case to the "Documents for this case" offer, in Teams (a defence request) or in Slack (a request
/// that is not valid yet), the way the letters tests start.
/// </summary>
internal static class DocumentsOfferWalk
{
    private static readonly string[] DefenceRequestInTeams = ["hello", "england or wales", "defence", "no", "no", "yes"];

    /// <summary>Alex answers a defence request in a Teams conversation; every turn is accepted.</summary>
    public static async Task InTeamsAsync(RunningBot bot, FakeBotConnector connector, string conversationId, string conversationType = "personal")
    {
        foreach (var text in DefenceRequestInTeams)
        {
            using var response = await bot.Client.PostAsJsonAsync("/api/messages", TeamsMessage(connector, text, conversationId, conversationType));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>Alex answers "request not valid yet" in a Slack direct message; the walkthrough and the offer's chat.postMessage.</summary>
    public static async Task<(Walkthrough Walkthrough, FakeSlackCall Offer)> InSlackAsync(SlackBotHarness harness, string eventId)
    {
        var walkthrough = ((Advisor)harness.Bot.Services.GetRequiredService<IAdvisor>()).Walkthroughs().First(w => w.Advice.Outcome == "request-not-valid-yet");
        await harness.Requests.EventAsync(SlackPayloads.DirectMessage(eventId, "U0ALEX", "hello"));
        var modal = await harness.AnswerByClickingAsync("U0ALEX", "D0DIRECT", threadTs: null, walkthrough.Answers.ToDictionary(a => a.Key, a => a.Value));
        await harness.Requests.InteractionAsync(SlackPayloads.ViewSubmission("U0ALEX", modal.Body["view"]!["private_metadata"]!.GetValue<string>()));
        var offer = Assert.Single(await harness.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.RawBody.Contains("/letters/", StringComparison.Ordinal)));
        return (walkthrough, offer);
    }

    /// <summary>A Teams button press carrying <paramref name="value"/>: a message activity with a value and no text.</summary>
    public static JsonObject TeamsClick(FakeBotConnector connector, JsonNode value, string conversationId, string conversationType = "personal", string userId = "29:alex", string userName = "Alex")
    {
        var click = TeamsMessage(connector, "", conversationId, conversationType, userId, userName);
        click.Remove("text");
        click["value"] = value.DeepClone();
        return click;
    }

    public static JsonObject TeamsMessage(FakeBotConnector connector, string text, string conversationId, string conversationType = "personal", string userId = "29:alex", string userName = "Alex")
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = $"letters-{Guid.NewGuid():N}",
            ["channelId"] = "msteams",
            ["serviceUrl"] = connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = userName },
            ["recipient"] = new JsonObject { ["id"] = "28:notesguard", ["name"] = "NotesGuard" },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = conversationType },
            ["text"] = conversationType == "personal" || text.Length == 0 ? text : $"<at>NotesGuard</at> {text}",
        };
        if (conversationType != "personal" && text.Length > 0)
        {
            // In a group the bot hears only messages that mention it.
            activity["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = "<at>NotesGuard</at>",
                ["mentioned"] = new JsonObject { ["id"] = "28:notesguard", ["name"] = "NotesGuard" },
            });
        }

        return activity;
    }
}
