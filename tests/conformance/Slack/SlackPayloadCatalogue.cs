using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;
using NotesGuard.Slack.Home;
using NotesGuard.Slack.Rendering;

namespace NotesGuard.Conformance.Tests.Slack;

/// <summary>
/// Every kind of Slack payload NotesGuard sends, produced by the real engine and advisor: each question, the
/// answered-question update, "why?", help, welcome, notices, the review message and modal, every outcome's card and
/// the documents card after it (and a document's text from "Read it here"),
/// App Home, and the slash command's answers. Names say where each came from, for readable failures.
/// </summary>
internal static class SlackPayloadCatalogue
{
    private static readonly Lazy<Task<IReadOnlyList<(string Name, JsonObject Payload)>>> Catalogue = new(BuildOnceAsync);

    /// <summary>Built once per test run: the payloads are only read.</summary>
    public static Task<IReadOnlyList<(string Name, JsonObject Payload)>> BuildAsync() => Catalogue.Value;

    private static async Task<IReadOnlyList<(string Name, JsonObject Payload)>> BuildOnceAsync()
    {
        var dataFolder = Directory.CreateTempSubdirectory("notesguard-slack-catalogue-").FullName;
        await using var app = BotApp.Build(["--environment", "Development"], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = dataFolder,
            ["Letters:PublicBaseUrl"] = "https://notesguard.example.org",
            ["Practice:PracticeName"] = "Riverside Therapy <!channel>",
            ["Practice:SupervisorContact"] = "Dr Supervisor & Co, ext 12",
            ["Practice:InsurerHelplines:0:Name"] = "Riverside insurer legal line",
            ["Practice:InsurerHelplines:0:Phone"] = "0100 000 0001",
            ["Practice:InsurerHelplines:0:Hours"] = "9am to 5pm",
            ["Practice:Admins:0"] = "slack:T0PRACTICE:U0ADMIN",
            ["Practice:PreviousRulebookPath"] = RepositoryFiles.Path("tests", "NotesGuard.Cli.Tests", "fixtures", "rulebook-2026.1.yaml"),
        }));
        var engine = app.Services.GetRequiredService<ITurnHandler>();
        var advisor = (Advisor)app.Services.GetRequiredService<IAdvisor>();
        var renderer = new BlockKitRenderer();
        var modal = new ReviewModalRenderer();
        var payloads = new List<(string, JsonObject)>();
        var turnNumber = 0;

        void Add(string name, Reply reply)
        {
            var messages = renderer.Render(reply);
            for (var i = 0; i < messages.Count; i++)
            {
                var body = messages[i].ToBody();
                body["channel"] = "C0SUPERVISION";
                body["thread_ts"] = "1700000000.000100";
                payloads.Add(($"{name}-{reply.GetType().Name}-{i}", body));
            }

            if (reply is ReviewReply review)
            {
                payloads.Add(($"{name}-review-modal", new JsonObject
                {
                    ["trigger_id"] = "1.2.3",
                    ["view"] = modal.Render(review, new ReviewModalMetadata("T0", "C0SUPERVISION", "1700000000.000100", review.Confirm.Value)),
                }));
            }
        }

        async Task<IReadOnlyList<Reply>> Turn(string conversation, string user, ConversationScope scope, string? text = null, string? action = null, string? name = null)
        {
            var result = await engine.HandleAsync(new Turn("slack", conversation, user, $"catalogue-{++turnNumber}", scope, text, action, name));
            return result.Replies;
        }

        // Every outcome's walkthrough, clicked through in a channel thread by someone whose name needs escaping.
        foreach (var outcome in AdviceContract.Outcomes)
        {
            var walkthrough = advisor.Walkthroughs().First(w => w.Advice.Outcome == outcome);
            var answers = walkthrough.Answers.ToDictionary(a => a.Key, a => a.Value);
            var conversation = "T0:C0SUPERVISION:" + outcome;
            const string user = "T0:U0ALEX";
            const string name = "Alex <!here> & co";
            var replies = await Turn(conversation, user, ConversationScope.Group, text: "new case", name: name);
            for (var step = 0; step < 20; step++)
            {
                foreach (var reply in replies)
                {
                    Add($"{outcome}-{step}", reply);
                }

                var question = replies.OfType<QuestionReply>().LastOrDefault();
                var review = replies.OfType<ReviewReply>().LastOrDefault();
                if (question is not null)
                {
                    var choice = question.Choices.First(c => ButtonValue.TryDecode(c.Value)?.Choice == answers[question.QuestionId]);
                    replies = await Turn(conversation, user, ConversationScope.Group, action: choice.Value, name: name);
                }
                else if (review is not null)
                {
                    replies = await Turn(conversation, user, ConversationScope.Group, action: review.Confirm.Value, name: name);
                }
                else
                {
                    break;
                }
            }

            Assert.Contains(replies, r => r is GuidanceCardReply);

            // The documents card follows the guidance; "Read it here" answers with a document's whole text.
            var documents = Assert.Single(replies.OfType<DocumentsReply>());
            foreach (var reply in await Turn(conversation, user, ConversationScope.Group, action: documents.Documents[0].ReadHere.Value, name: name))
            {
                Add($"{outcome}-read-here", reply);
            }
        }

        // Typed commands and mistakes in a DM: welcome, help, why, back, nonsense, restart, cancel, forget me.
        const string dm = "T0:D0DIRECT";
        const string dmUser = "T0:U0SAM";
        foreach (var text in new[] { "hello", "help", "why", "banana", "back", "England", "back", "restart", "cancel", "new", "forget me" })
        {
            foreach (var reply in await Turn(dm, dmUser, ConversationScope.Personal, text: text))
            {
                Add($"typed-{text}", reply);
            }
        }

        foreach (var question in advisor.Questions)
        {
            var why = renderer.RenderWhy(question.Why).ToBody();
            why["channel"] = "C0SUPERVISION";
            why["user"] = "U0ALEX";
            payloads.Add(($"why-{question.Id}", why));
        }

        // Practice cards, as they are posted to channels; the custom one from text full of Slack control syntax.
        var practiceCards = app.Services.GetRequiredService<PracticeCards>();
        foreach (var (card, text) in new[] { (PracticeCards.IfAskedForNotes, ""), (PracticeCards.GuidanceUpdated, ""), (PracticeCards.Custom, "<!channel> *Supervision* moved & <https://evil.example|click> <@U0BOSS>") })
        {
            Add($"practice-{card}", practiceCards.Build(card, text).Card ?? throw new InvalidOperationException(practiceCards.Build(card, text).Problem));
        }

        // Sharing a case with a supervision group: the guidance card's button, the pick list, the confirmation, the
        // card the group sees (owner banner, answers, guidance) and the sharer's "shared" reply with its delete button.
        var shareGroup = new PracticeTarget(PracticeTarget.Slack, "C0SUPERVISION", "T0PRACTICE");
        foreach (var (name, reply) in Infrastructure.ShareCatalogue.Replies(advisor, shareGroup))
        {
            Add(name, reply);
        }

        await app.Services.GetRequiredService<PracticeChannelDirectory>().AddAsync(new PracticeTarget(PracticeTarget.Slack, "C0SUPERVISION", "T0PRACTICE"));
        foreach (var text in new[] { "guidance", "post guidance", "audit" })
        {
            var result = await engine.HandleAsync(new Turn("slack", dm, "T0PRACTICE:U0ADMIN", $"catalogue-{++turnNumber}", ConversationScope.Personal, text) { PrincipalId = "slack:T0PRACTICE:U0ADMIN" });
            foreach (var reply in result.Replies)
            {
                Add($"practice-typed-{text.Replace(' ', '-')}", reply);
            }
        }

        // A card an admin writes in chat: how to, then the confirmation that shows the text back with "Post now".
        foreach (var (name, text, action) in new[]
        {
            ("practice-write-my-own", (string?)null, (string?)"practice|choose|custom"),
            ("practice-typed-post-card", "post card: <!channel> *Supervision* moved & <https://evil.example|click> <@U0BOSS>", null),
        })
        {
            var result = await engine.HandleAsync(new Turn("slack", dm, "T0PRACTICE:U0ADMIN", $"catalogue-{++turnNumber}", ConversationScope.Personal, text, action) { PrincipalId = "slack:T0PRACTICE:U0ADMIN" });
            foreach (var reply in result.Replies)
            {
                Add(name, reply);
            }
        }

        payloads.Add(("review-modal-changing", new JsonObject { ["view_id"] = "V0", ["view"] = modal.RenderChanging() }));
        payloads.Add(("app-home", new JsonObject
        {
            ["user_id"] = "U0ALEX",
            ["view"] = new AppHomeRenderer().Render(app.Services.GetRequiredService<AppHomeContentSource>().Get()),
        }));
        return payloads;
    }
}
