using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Conformance.Tests.Infrastructure;
using NotesGuard.Guidance;

namespace NotesGuard.Conformance.Tests.Teams;

/// <summary>
/// End to end: the real NotesGuard app and Microsoft 365 Agents Playground (pinned, installed by
/// scripts/test through peers-install), driven by tests/tools/playground-chat. Full walkthroughs reach
/// every outcome between them — by typing, by Action.Submit clicks (the clicked card is updated in place),
/// and by Action.Execute — in a personal chat, a group chat and a channel thread, after the welcome that
/// conversationUpdate brings.
/// </summary>
public sealed class PlaygroundWalkthroughTests
{
    /// <summary>The playground's signed-in test user: group cards must be labelled with this person's case.</summary>
    private const string PlaygroundUser = "Alex Wilber";

    [Fact]
    public async Task Personal_chat_welcome_then_walkthroughs_by_typing_and_by_clicking()
    {
        await using var bot = await TeamsBot.StartAsync();
        var paths = Paths(bot);
        var typed = paths["request-not-valid-yet"];
        var clicked = paths["authorised-request-with-consent"];
        var courtOrder = paths["comply-with-court-order"];

        var script = new PlaygroundScript()
            .BotAdded().Expect("NotesGuard").Expect(typed.Steps[0].Question.Text)
            .Walk(typed, AnswerBy.Typing)
            .Send("new case").Expect("New case started").Expect(clicked.Steps[0].Question.Text)
            .Walk(clicked, AnswerBy.ClickingSubmit)
            .Send("new case").Expect("New case started").Expect(courtOrder.Steps[0].Question.Text)
            .Walk(courtOrder, AnswerBy.Typing);

        await PlayAsync(bot, script, "personal");
    }

    [Fact]
    public async Task Group_chat_welcome_explains_groups_and_each_card_says_whose_case_it_is()
    {
        await using var bot = await TeamsBot.StartAsync();
        var paths = Paths(bot);
        var clicked = paths["no-obligation-without-order"];
        var typed = paths["suspect-records-request"];

        var script = new PlaygroundScript()
            .BotAdded().Expect("each person runs their own case")
            .Send("new case").Expect("New case started").ExpectPattern($"{PlaygroundUser}'s case")
            .Walk(clicked, AnswerBy.ClickingSubmit, PlaygroundUser)
            .Send("new case").Expect("New case started").ExpectPattern($"{PlaygroundUser}'s case")
            .Walk(typed, AnswerBy.Typing, PlaygroundUser);

        await PlayAsync(bot, script, "group");
    }

    [Fact]
    public async Task Channel_thread_walkthrough_by_clicking()
    {
        await using var bot = await TeamsBot.StartAsync();
        var path = Paths(bot)["seek-legal-advice-other-jurisdiction"];

        // In a channel each typed message starts a new thread in the playground, so the case continues by clicks.
        var script = new PlaygroundScript()
            .BotAdded().Expect("each person runs their own case")
            .Send("new case").Expect("New case started").ExpectPattern($"{PlaygroundUser}'s case")
            .Walk(path, AnswerBy.ClickingSubmit, PlaygroundUser);

        await PlayAsync(bot, script, "channel");
    }

    [Fact]
    public async Task Action_Execute_walkthrough_is_answered_in_the_invoke_response()
    {
        await using var bot = await TeamsBot.StartAsync(new Dictionary<string, string?> { ["Teams:CardActions"] = "Execute" });
        var path = Paths(bot)["authorised-request-without-valid-consent"];

        var script = new PlaygroundScript()
            .BotAdded().Expect("NotesGuard").Expect(path.Steps[0].Question.Text)
            .Walk(path, AnswerBy.ClickingExecute);

        await PlayAsync(bot, script, "personal");
    }

    private static Dictionary<string, WalkthroughPath> Paths(TeamsBot bot)
    {
        var advisor = bot.Services.GetRequiredService<IAdvisor>();
        return AdviceContract.Outcomes.ToDictionary(o => o, o => OutcomePaths.To(advisor, o), StringComparer.Ordinal);
    }

    private static async Task PlayAsync(TeamsBot bot, PlaygroundScript script, string conversation)
    {
        var dir = Directory.CreateTempSubdirectory($"notesguard-playground-{conversation}-").FullName;
        var scriptPath = Path.Combine(dir, "script.json");
        var transcriptPath = Path.Combine(dir, "transcript.json");
        await File.WriteAllTextAsync(scriptPath, script.ToJson());

        var (exitCode, output) = await Task.Run(() => PeerTools.Run(
            "playground-chat", "--bot", bot.MessagesUrl, "--script", scriptPath, "--out", transcriptPath, "--conversation", conversation));

        Assert.True(exitCode == 0, $"playground-chat failed (exit {exitCode}); transcript {transcriptPath}\n{Tail(output)}");
    }

    private static string Tail(string output) => output.Length <= 6000 ? output : output[^6000..];
}
