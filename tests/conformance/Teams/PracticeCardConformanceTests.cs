using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Conformance.Tests.Infrastructure;
using NotesGuard.Conformance.Tests.Slack;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Practice;
using NotesGuard.Teams.Cards;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Conformance.Tests.Teams;

/// <summary>
/// The cards a practice posts, and the admin's "post guidance" / "audit" replies, through the real Teams renderer and
/// the adaptivecards validator; the custom card's markdown-laden text arrives escaped.
/// </summary>
public sealed class PracticeCardConformanceTests : IAsyncLifetime
{
    private const string Hostile = "*Supervision* moved to [here](https://evil.example) <at>everyone</at>";
    private TeamsBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TeamsBot.StartAsync(new Dictionary<string, string?>
    {
        ["Practice:Admins:0"] = "msteams:6f0c1c2e-0a8b-4c55-9c1e-2b7d3f4a5e61",
        ["Practice:PreviousRulebookPath"] = RepositoryFiles.Path("tests", "NotesGuard.Cli.Tests", "fixtures", "rulebook-2026.1.yaml"),
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Practice_cards_and_admin_replies_are_valid_Adaptive_Cards()
    {
        var renderer = _bot.Services.GetRequiredService<ReplyRenderer>();
        var cards = _bot.Services.GetRequiredService<PracticeCards>();
        await _bot.Services.GetRequiredService<PracticeChannelDirectory>().AddAsync(new PracticeTarget(PracticeTarget.Teams, "19:group@thread.v2"));
        var activities = new JsonArray();
        foreach (var (card, text) in new[] { (PracticeCards.IfAskedForNotes, ""), (PracticeCards.GuidanceUpdated, ""), (PracticeCards.Custom, Hostile) })
        {
            activities.Add(Serialize(renderer.Render(cards.Build(card, text).Card!)));
        }

        var shareGroup = new PracticeTarget(PracticeTarget.Teams, "19:group@thread.v2");
        foreach (var (_, reply) in ShareCatalogue.Replies((NotesGuard.Guidance.Advisor)_bot.Services.GetRequiredService<NotesGuard.Guidance.IAdvisor>(), shareGroup))
        {
            activities.Add(Serialize(renderer.Render(reply)));
        }

        var engine = _bot.Services.GetRequiredService<ITurnHandler>();
        var turn = 0;
        // The admin's replies, including writing a card of their own ("Write my own", then "post card: …" to confirm).
        foreach (var (text, action) in new[] { ("post guidance", null), ("audit", null), (null, "practice|choose|custom"), ("post card: " + Hostile, (string?)null) })
        {
            var result = await engine.HandleAsync(new Turn("msteams", "a:admin", "29:admin", $"practice-{++turn}", ConversationScope.Personal, text, action)
            {
                PrincipalId = "msteams:6f0c1c2e-0a8b-4c55-9c1e-2b7d3f4a5e61",
            });
            foreach (var reply in result.Replies)
            {
                activities.Add(Serialize(renderer.Render(reply)));
            }
        }

        Assert.All(activities, a => Assert.NotNull(a!["attachments"]));
        var custom = activities[2]!["attachments"]![0]!["content"]!["body"]!.AsArray()
            .Select(b => b!["text"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain(custom, t => t.Contains("[here](https://evil.example)", StringComparison.Ordinal) || t.Contains("*Supervision*", StringComparison.Ordinal));
        PeerTools.AssertValid("validate-adaptive-card", activities.ToJsonString(), "teams-practice-cards.json");
    }

    private static JsonNode Serialize(Activity activity) => JsonSerializer.SerializeToNode(activity, TeamsJsonContext.Default.Activity)!;
}
