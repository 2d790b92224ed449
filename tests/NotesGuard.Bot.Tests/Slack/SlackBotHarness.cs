using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Conversations.Engine;
using NotesGuard.Slack.Work;

namespace NotesGuard.Bot.Tests.Slack;

/// <summary>
/// The real NotesGuard app (RunningBot) with Slack on, pointed at a loopback fake Slack Web API, plus the moves a
/// Slack user makes: send a DM or a mention, click a choice on the latest question, submit the review modal.
/// </summary>
public sealed class SlackBotHarness : IAsyncDisposable
{
    public const string SigningSecret = "e2e-signing-secret";
    public const string BotToken = "xoxb-e2e-workspace";

    private SlackBotHarness(FakeSlackWebApi slack, RunningBot bot)
    {
        Slack = slack;
        Bot = bot;
        Requests = new SignedSlackRequests(bot.Client, SigningSecret);
    }

    public FakeSlackWebApi Slack { get; }

    public RunningBot Bot { get; }

    public SignedSlackRequests Requests { get; }

    public static async Task<SlackBotHarness> StartAsync(IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var slack = await FakeSlackWebApi.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack:TeamId"] = SlackPayloads.Team,
            ["Slack:ResponseUrlBase"] = slack.BaseAddress.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var bot = await RunningBot.StartAsync(all, configure: configure);
        return new SlackBotHarness(slack, bot);
    }

    /// <summary>Everything acknowledged so far has been worked off (or was never queued); bounded so a hang fails.</summary>
    public Task QueueDrainedAsync() =>
        Bot.Services.GetRequiredService<SlackWorkQueue>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Messages posted to this channel (and thread, when given), in order.</summary>
    public IReadOnlyList<FakeSlackCall> Posts(string channel, string? threadTs = null) =>
        [.. Slack.CallsTo("chat.postMessage").Where(c => c.Str("channel") == channel && (threadTs is null || c.Str("thread_ts") == threadTs))];

    /// <summary>Waits for the next question posted in the place, after the ones already seen.</summary>
    public async Task<(FakeSlackCall Message, IReadOnlyList<(string ActionId, ButtonValue Value)> Choices)> NextQuestionAsync(string channel, string? threadTs, int alreadySeen)
    {
        var calls = await Slack.WaitForAsync(c => IsQuestionIn(c, channel, threadTs), alreadySeen + 1);
        var message = calls[alreadySeen];
        return (message, ChoicesOf(message));
    }

    private static bool IsQuestionIn(FakeSlackCall call, string channel, string? threadTs) =>
        call.Method == "chat.postMessage" && call.Str("channel") == channel && (threadTs is null || call.Str("thread_ts") == threadTs) && ChoicesOf(call).Count > 0;

    /// <summary>The answer buttons of a posted message, decoded.</summary>
    public static IReadOnlyList<(string ActionId, ButtonValue Value)> ChoicesOf(FakeSlackCall message) =>
    [
        .. Buttons(message.Body).Select(b => (Id: b["action_id"]!.GetValue<string>(), Value: ButtonValue.TryDecode(b["value"]?.GetValue<string>())))
            .Where(b => b.Value is { Action: ButtonAction.Answer })
            .Select(b => (b.Id, b.Value!)),
    ];

    public static IEnumerable<JsonObject> Buttons(JsonObject body) =>
        (body["blocks"] as JsonArray ?? [])
        .Select(b => b!.AsObject())
        .SelectMany(b => b["type"]!.GetValue<string>() == "actions"
            ? b["elements"]!.AsArray().Select(e => e!.AsObject())
            : b["accessory"] is JsonObject accessory ? [accessory] : []);

    /// <summary>
    /// Answers the walkthrough by clicking, question after question, until the review opens as a modal; returns the
    /// views.open call. Each click's question message must be replaced by its answer (chat.update).
    /// </summary>
    public async Task<FakeSlackCall> AnswerByClickingAsync(string user, string channel, string? threadTs, IReadOnlyDictionary<string, string> answers)
    {
        var asked = 0;
        var clicks = 0;
        while (true)
        {
            var reviewsBefore = Slack.CallsTo("views.open").Count;
            var (question, choices) = await NextQuestionAsync(channel, threadTs, asked);
            var questionId = choices[0].Value.Target;
            var wanted = answers[questionId];
            var (actionId, value) = choices.Single(c => c.Value.Choice == wanted);
            clicks++;
            await Requests.InteractionAsync(SlackPayloads.Click(
                user, actionId, value.Encode(), channel, question.AnsweredTs!, threadTs, actionTs: $"1700001000.{clicks:D6}"));
            await Slack.WaitForAsync(c => c.Method == "chat.update" && c.Str("ts") == question.AnsweredTs);
            asked++;

            // Either the next question is posted or the review opens: wait for whichever comes.
            await Slack.WaitForAsync(c => c.Method == "views.open" || IsQuestionIn(c, channel, threadTs), reviewsBefore + asked + 1);
            if (Slack.CallsTo("views.open").Count > reviewsBefore)
            {
                return Slack.CallsTo("views.open")[reviewsBefore];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
