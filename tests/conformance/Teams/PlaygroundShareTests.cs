using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Conformance.Tests.Infrastructure;
using NotesGuard.Conversations.Cards;
using NotesGuard.Guidance;

namespace NotesGuard.Conformance.Tests.Teams;

/// <summary>
/// End to end in the Microsoft 365 Agents Playground: NotesGuard is added to the playground's group chat; the test
/// user finishes a case in their personal chat (typing a client's name on the way), presses "Share with my
/// supervision group", picks the group chat by its name, confirms, and the playground's group chat shows the shared
/// card, marked as that person's case, with the answers and the guidance and nothing that was typed. The membership
/// check is the real one: the playground answers GET v3/conversations/{id}/members/{userId} itself.
/// </summary>
public sealed class PlaygroundShareTests
{
    private const string PlaygroundUser = "Alex Wilber";
    private const string Canary = "Jane Canary-Q7 from Leeds";

    [Fact]
    public async Task A_case_finished_in_the_personal_chat_is_shared_into_the_group_chat_after_confirming()
    {
        await using var bot = await TeamsBot.StartAsync();
        var advisor = bot.Services.GetRequiredService<IAdvisor>();
        var path = OutcomePaths.To(advisor, "authorised-request-with-consent");
        var firstAnswer = path.Steps[0].Choice.Title;

        var script = new PlaygroundScript()
            .BotAdded().In("group").Expect("each person runs their own case").In("group")
            .BotAdded().Expect("NotesGuard").Expect(path.Steps[0].Question.Text)
            .Send(Canary).ExpectPattern(".")
            .Walk(path, AnswerBy.Typing)
            .Click(CardWords.ShareWithGroup).Expect("Which group should see this case?")
            // The playground gives its group chat no name (no conversation.name), so the pick list shows the neutral label.
            .ClickMatching($"^{UnnamedGroup}$").ExpectPattern($"Share this case with {UnnamedGroup}\\?")
            .Click(CardWords.ShareNow)
            .ExpectPattern(
                $"{PlaygroundScript.JsRegexEscape($"{PlaygroundUser}'s case")}[\\s\\S]*{PlaygroundScript.JsRegexEscape(CardWords.SharedAnswers)}" +
                $"[\\s\\S]*{PlaygroundScript.JsRegexEscape(firstAnswer)}[\\s\\S]*{PlaygroundScript.JsRegexEscape(path.Advice.Headline)}").In("group")
            .ExpectPattern($"Shared with {UnnamedGroup}\\.").In("personal")
            // The playground does not implement DELETE (501), so the sharer is told it could not be deleted.
            .Click(CardWords.DeleteShared).ExpectPattern("could not be deleted \\(teams_501").In("personal");

        var transcript = await PlayAsync(bot, script);

        // What the group chat got from the bot: the shared card only, with no typed text and no buttons.
        var toGroup = transcript.Where(e => e.Dir == "bot" && e.Conversation.StartsWith(transcript.GroupId, StringComparison.Ordinal) && e.Type == "message").ToList();
        var shared = Assert.Single(toGroup, e => e.Json.Contains(CardWords.SharedAnswers, StringComparison.Ordinal));
        Assert.DoesNotContain("Canary-Q7", shared.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("Action.Submit", shared.Json, StringComparison.Ordinal);
        Assert.DoesNotContain(toGroup, e => e.Json.Contains("Canary-Q7", StringComparison.Ordinal));

        // The membership check went to the playground and it answered with the member, on the list, the confirmation
        // and "Share now" alike.
        Assert.Equal(3, transcript.Count(e => e.Dir == "bot" && e.Status == 200 && e.Response.Contains("\"aadObjectId\"", StringComparison.Ordinal)));
    }

    /// <summary>How the pick list labels a group chat Teams gave no name: the end of its id.</summary>
    private const string UnnamedGroup = "Group chat \\(…[0-9a-f-]{4}\\)";

    private static async Task<Transcript> PlayAsync(TeamsBot bot, PlaygroundScript script)
    {
        var dir = Directory.CreateTempSubdirectory("notesguard-playground-share-").FullName;
        var scriptPath = Path.Combine(dir, "script.json");
        var transcriptPath = Path.Combine(dir, "transcript.json");
        await File.WriteAllTextAsync(scriptPath, script.ToJson());

        var (exitCode, output) = await Task.Run(() => PeerTools.Run(
            "playground-chat", "--bot", bot.MessagesUrl, "--script", scriptPath, "--out", transcriptPath, "--conversation", "personal"));

        Assert.True(exitCode == 0, $"playground-chat failed (exit {exitCode}); transcript {transcriptPath}\n{(output.Length <= 6000 ? output : output[^6000..])}");
        return Transcript.Read(transcriptPath);
    }

    private sealed record Entry(string Dir, int Status, string Type, string Conversation, string Json, string Response);

    private sealed class Transcript(List<Entry> entries, string groupId) : List<Entry>(entries)
    {
        public string GroupId { get; } = groupId;

        public static Transcript Read(string path)
        {
            var entries = (JsonNode.Parse(File.ReadAllText(path)) as JsonArray ?? []).Select(e => new Entry(
                e?["dir"]?.GetValue<string>() ?? "",
                e?["status"] is JsonValue status && status.TryGetValue<int>(out var code) ? code : 0,
                e?["activity"]?["type"]?.GetValue<string>() ?? "",
                e?["activity"]?["conversation"]?["id"]?.GetValue<string>() ?? "",
                e?["activity"]?.ToJsonString() ?? "",
                e?["response"]?.ToJsonString() ?? "")).ToList();
            // The group chat is the conversation the playground's group welcome went to.
            var group = entries.First(e => e.Dir == "user" && e.Type == "conversationUpdate").Conversation;
            return new Transcript(entries, group);
        }
    }
}
