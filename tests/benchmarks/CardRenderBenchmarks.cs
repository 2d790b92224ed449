using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NotesGuard.Bot.WebChat;
using NotesGuard.Conversations.Dialogs;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.State;
using NotesGuard.Guidance;
using NotesGuard.Slack.Rendering;
using NotesGuard.Teams;
using NotesGuard.Teams.Cards;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Benchmarks;

/// <summary>
/// Each channel's renderer, from the engine's reply to the bytes that go on the wire: the Teams Adaptive Card
/// activity, Slack's Block Kit message bodies and the web chat's JSON, for the two replies a walkthrough sends most
/// (a question) and the biggest one (the guidance card). The replies come from a real walkthrough on the engine.
/// </summary>
[MemoryDiagnoser]
public class CardRenderBenchmarks
{
    private static readonly string[] Answers = ["hi", "england", "police", "no", "victim", "yes", "yes", "yes", "no", "yes", "no", "yes"];

    private ReplyRenderer _teams = null!;
    private BlockKitRenderer _slack = null!;
    private QuestionReply _question = null!;
    private GuidanceCardReply _guidance = null!;

    [GlobalSetup]
    public void Setup()
    {
        var buttons = new CardButtons(Options.Create(new TeamsOptions()));
        _teams = new ReplyRenderer(new QuestionCard(buttons), new ReviewCard(buttons), new GuidanceCard(buttons), new MessageCard(buttons), new DocumentsCard(buttons));
        _slack = new BlockKitRenderer();

        var engine = new ConversationEngine(
            new InProcessStateStore(),
            new AdviceDialog(Advisor.Create(new PracticeSettings()), new PracticeSettings()),
            Options.Create(new StorageOptions()),
            NullLogger<ConversationEngine>.Instance);
        var replies = new List<Reply>();
        for (var i = 0; i < Answers.Length; i++)
        {
            var turn = new Turn("bench", "cards", "user", $"t{i}", ConversationScope.Personal, Answers[i]);
            replies.AddRange(engine.HandleAsync(turn).GetAwaiter().GetResult().Replies);
        }

        _question = replies.OfType<QuestionReply>().First();
        _guidance = replies.OfType<GuidanceCardReply>().Single();
    }

    [Benchmark(Description = "Teams: question card activity → JSON")]
    public int TeamsQuestion() => JsonSerializer.SerializeToUtf8Bytes(_teams.Render(_question), TeamsJsonContext.Default.Activity).Length;

    [Benchmark(Description = "Teams: guidance card activity → JSON")]
    public int TeamsGuidance() => JsonSerializer.SerializeToUtf8Bytes(_teams.Render(_guidance), TeamsJsonContext.Default.Activity).Length;

    [Benchmark(Description = "Slack: question message bodies → JSON")]
    public int SlackQuestion() => Bodies(_slack.Render(_question));

    [Benchmark(Description = "Slack: guidance message bodies → JSON")]
    public int SlackGuidance() => Bodies(_slack.Render(_guidance));

    [Benchmark(Description = "web chat: question → JSON")]
    public int WebChatQuestion() => WebChat(_question);

    [Benchmark(Description = "web chat: guidance card → JSON")]
    public int WebChatGuidance() => WebChat(_guidance);

    private static int WebChat(Reply reply) =>
        JsonSerializer.SerializeToUtf8Bytes(new WebChatTurnResponse([WebChatReplyMapper.Map(reply)], false), WebChatJsonContext.Default.WebChatTurnResponse).Length;

    /// <summary>As the Slack Web API client writes a body: the node through a Utf8JsonWriter.</summary>
    private static int Bodies(IReadOnlyList<SlackMessage> messages)
    {
        var bytes = 0;
        foreach (var message in messages)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                message.ToBody().WriteTo(writer);
            }

            bytes += (int)buffer.Length;
        }

        return bytes;
    }
}
