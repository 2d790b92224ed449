using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Conformance.Tests.Infrastructure;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;
using NotesGuard.Teams.Cards;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Conformance.Tests.Teams;

/// <summary>
/// Every card the Teams channel can produce, made by the real engine and advisor and the real renderer,
/// checked by the adaptivecards library (tests/tools/validate-adaptive-card): Adaptive Cards 1.5, the
/// 1.5 element set, and at most 28 KB per activity (the documents card that follows each guidance card included).
/// Group variants use a display name full of markdown.
/// </summary>
public sealed class TeamsCardConformanceTests : IAsyncLifetime
{
    private const string HostileName = "Alex *O'Brien* [x](https://evil.example)";
    private TeamsBot _bot = null!;

    private ITurnHandler Engine => _bot.Services.GetRequiredService<ITurnHandler>();

    private IAdvisor Advisor => _bot.Services.GetRequiredService<IAdvisor>();

    private ReplyRenderer Renderer => _bot.Services.GetRequiredService<ReplyRenderer>();

    public static TheoryData<string> Outcomes => [.. AdviceContract.Outcomes];

    // With a public address the documents card follows every guidance card, so it is checked for every outcome too.
    public async Task InitializeAsync() =>
        _bot = await TeamsBot.StartAsync(new Dictionary<string, string?> { ["Letters:PublicBaseUrl"] = "https://notesguard.example.org" });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task Every_card_on_the_way_to_an_outcome_is_a_valid_Adaptive_Card_personal_and_group(string outcome)
    {
        var activities = new JsonArray();
        var paths = OutcomePaths.All(Advisor).Where(p => p.Outcome == outcome).ToList();
        Assert.NotEmpty(paths);
        foreach (var path in paths)
        {
            foreach (var (scope, name) in new[] { (ConversationScope.Personal, (string?)null), (ConversationScope.Group, HostileName) })
            {
                var replies = await EngineWalkthrough.ClickThroughAsync(Engine, path, scope, name);
                var guidance = Assert.Single(replies.OfType<GuidanceCardReply>());
                Assert.Equal(outcome, guidance.Advice.Outcome);
                Assert.Contains(replies, r => r is ReviewReply);
                Assert.Contains(replies, r => r is AnsweredQuestionReply);
                var documents = Assert.Single(replies.OfType<DocumentsReply>());
                Assert.NotNull(Renderer.Render(documents).Attachments); // a card, not the plain-text fallback for oversized cards
                foreach (var reply in replies)
                {
                    Add(activities, Render(reply, scope == ConversationScope.Group ? HostileName : null));
                }
            }
        }

        PeerTools.AssertValid("validate-adaptive-card", activities.ToJsonString(), $"teams-{outcome}.json");
    }

    [Fact]
    public async Task Every_question_in_the_rulebook_is_asked_on_some_path_and_its_card_is_valid()
    {
        var activities = new JsonArray();
        var asked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in OutcomePaths.All(Advisor))
        {
            foreach (var question in (await EngineWalkthrough.ClickThroughAsync(Engine, path, ConversationScope.Personal, null)).OfType<QuestionReply>())
            {
                if (asked.Add(question.QuestionId))
                {
                    activities.Add(Render(question, null));
                }
            }
        }

        Assert.Equal(Advisor.Questions.Select(q => q.Id).Order(StringComparer.Ordinal), asked.Order(StringComparer.Ordinal));
        PeerTools.AssertValid("validate-adaptive-card", activities.ToJsonString(), "teams-questions.json");
    }

    [Fact]
    public async Task Welcome_help_and_notice_cards_are_valid()
    {
        var activities = new JsonArray();
        foreach (var text in new[] { "hello", "help", "new case", "cancel", "forget me" })
        {
            foreach (var reply in await EngineWalkthrough.SayAsync(Engine, text))
            {
                Add(activities, Render(reply, null));
            }
        }

        foreach (var reply in await EngineWalkthrough.SayAsync(Engine, "help", ConversationScope.Group))
        {
            Add(activities, Render(reply, "Alex"));
        }

        activities.Add(JsonSerializer.SerializeToNode(
            new Activity
            {
                Type = "message",
                Summary = GroupWelcomeCard.Title,
                Attachments = [new Attachment { ContentType = AdaptiveElements.ContentType, Content = GroupWelcomeCard.Render() }],
            },
            TeamsJsonContext.Default.Activity));

        Assert.Contains(activities, a => a!.ToJsonString().Contains(GroupWelcomeCard.Title, StringComparison.Ordinal));
        PeerTools.AssertValid("validate-adaptive-card", activities.ToJsonString(), "teams-welcome-help.json");
    }

    private static IEnumerable<string> MarkdownTexts(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "TextBlock" => [o["text"]!.GetValue<string>()],
        JsonObject o when o["type"]?.GetValue<string>() == "FactSet" =>
            o["facts"]!.AsArray().SelectMany(f => new[] { f!["title"]!.GetValue<string>(), f["value"]!.GetValue<string>() }),
        JsonObject o => o.SelectMany(p => MarkdownTexts(p.Value)),
        JsonArray a => a.SelectMany(MarkdownTexts),
        _ => [],
    };

    /// <summary>Cards only: a plain-text message has nothing for the card validator to check.</summary>
    private static void Add(JsonArray activities, JsonNode activity)
    {
        if (activity["attachments"] is not null)
        {
            activities.Add(activity);
        }
    }

    private JsonNode Render(Reply reply, string? groupOwner)
    {
        var activity = Renderer.Render(reply);
        Assert.False(string.IsNullOrWhiteSpace(activity.Text ?? activity.Summary), $"{reply.GetType().Name} has no text fallback");
        if (activity.Attachments is not null)
        {
            Assert.False(string.IsNullOrWhiteSpace(JsonNode.Parse(activity.Attachments[0].Content!.Utf8)!["fallbackText"]?.GetValue<string>()));
        }
        var json = JsonSerializer.SerializeToNode(activity, TeamsJsonContext.Default.Activity)!;
        Assert.True(Encoding.UTF8.GetByteCount(json.ToJsonString()) <= 28 * 1024, $"{reply.GetType().Name} is over 28 KB");
        if (groupOwner is not null)
        {
            // Card text is markdown; the name must arrive there escaped (plain fields like fallbackText may hold it as is).
            Assert.All(MarkdownTexts(json), t => Assert.DoesNotContain("[x](https://evil.example)", t, StringComparison.Ordinal));
        }

        return json;
    }
}
