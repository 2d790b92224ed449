using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Guidance;
using Xunit.Abstractions;

namespace NotesGuard.Robustness.Tests.Fuzz;

/// <summary>
/// Generated bad input to the local web chat (POST /chat/turn) and the advice API (POST /api/advice) on the real app
/// with its SQLite store: every answer is a 4xx with a reason or, for the chat, a reply; nothing is a 5xx; and a
/// walkthrough that a real person had open before the run carries on from the same question afterwards.
/// </summary>
public sealed class WebChatAndAdviceFuzzTests(ITestOutputHelper output)
{
    // The contract's own vocabulary (so a new requester or outcome is fuzzed as soon as it exists), plus a key it
    // does not know.
    private static readonly (string Key, string[] Values)[] AnswerValues =
    [
        .. AdviceContract.Answers.Select(a => (a.Key, a.Values.ToArray())),
        ("notAKey", ["x"]),
    ];

    private static readonly string[] ConversationPool = [.. Enumerable.Range(0, 12).Select(i => $"fuzz-conv-{i}")];

    [Fact]
    public async Task Generated_chat_turns_get_a_4xx_or_a_reply_and_a_real_walkthrough_is_unaffected()
    {
        var (seed, random) = FuzzSeed.For("webchat");
        var junk = new Junk(random);
        var buttons = new ButtonValues(junk);
        await using var bot = await RunningBot.StartAsync(UnlimitedRate.With());
        var person = new WebChatHttpClient(bot.Client, "real-person-conv", "real-person");
        await person.SaysAsync("hello");
        await person.ClicksAsync("England or Wales");
        await person.ClicksAsync("The police");
        var questionBefore = person.QuestionText;
        var progressBefore = person.ProgressText;
        buttons.Harvest(WebChatHttpClient.Describe(person.LastReplies));

        var report = new FuzzReport("/chat/turn", seed);
        for (var i = 0; i < FuzzSeed.CasesPerEndpoint; i++)
        {
            var request = NextChatTurn(junk, buttons, i);
            var response = await report.SendAsync(bot.Client, i, request, ChatReplyProblem);
            if (response?.IsSuccessStatusCode == true)
            {
                buttons.Harvest(await response.Content.ReadAsStringAsync());
            }
        }

        output.WriteLine(report.Summary());
        report.AssertNoViolations();
        Assert.True(report.Count(s => s == 200) > FuzzSeed.CasesPerEndpoint / 10, "too few generated turns reached the engine: " + report.Summary());
        Assert.True(report.Count(s => s is >= 400 and < 500) > FuzzSeed.CasesPerEndpoint / 10, "too few generated turns were bad: " + report.Summary());

        // The person's walkthrough is where they left it, and goes on.
        await person.SaysAsync("continue");
        Assert.Equal(questionBefore, person.QuestionText);
        Assert.Equal(progressBefore, person.ProgressText);
        await person.SaysAsync("no");
        Assert.NotEqual(questionBefore, person.QuestionText);
        await StoreIntegrity.AssertSqliteRecordsReadableAsync(bot.DataFolder);
        Assert.Equal(HttpStatusCode.OK, (await bot.Client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Generated_answer_documents_get_advice_or_a_4xx_naming_the_problem()
    {
        var (seed, random) = FuzzSeed.For("advice");
        var junk = new Junk(random);
        await using var bot = await RunningBot.StartAsync(UnlimitedRate.With());

        var report = new FuzzReport("/api/advice", seed);
        for (var i = 0; i < FuzzSeed.CasesPerEndpoint; i++)
        {
            await report.SendAsync(bot.Client, i, NextAnswers(junk), AdviceProblem);
        }

        output.WriteLine(report.Summary());
        report.AssertNoViolations();
        Assert.True(report.Count(s => s == 200) > FuzzSeed.CasesPerEndpoint / 20, "too few generated documents were valid: " + report.Summary());
    }

    private static BadRequest NextChatTurn(Junk junk, ButtonValues buttons, int index)
    {
        var turn = new JsonObject
        {
            ["conversationId"] = junk.Pick(ConversationPool),
            ["userId"] = "fuzz-user-" + junk.Random.Next(4),
        };
        if (junk.Chance(0.3))
        {
            turn["turnId"] = "turn-" + junk.Random.Next(index + 1);
        }

        if (junk.Chance(0.5))
        {
            turn["value"] = buttons.Next();
        }
        else
        {
            turn["text"] = junk.Chance(0.5) ? junk.Pick(["hello", "1", "2", "3", "yes", "no", "back", "restart", "review", "why", "help", "forget me"]) : junk.String();
        }

        return Shape(junk, "/chat/turn", turn, 16 * 1024);
    }

    private static BadRequest NextAnswers(Junk junk)
    {
        var answers = new JsonObject();
        foreach (var (key, allowed) in AnswerValues.Where(_ => junk.Chance(0.5)))
        {
            answers[key] = junk.Chance(0.9) ? junk.Pick(allowed) : junk.String();
        }

        return Shape(junk, "/api/advice", answers, 16 * 1024);
    }

    /// <summary>Most cases are well-formed with odd content; the rest break the JSON, the content type or the size.</summary>
    internal static BadRequest Shape(Junk junk, string path, JsonNode document, int limit)
    {
        var json = "application/json";
        switch (junk.Random.Next(10))
        {
            case 0 or 1 or 2:
                return new BadRequest(path, "well-formed", Encoding.UTF8.GetBytes(document.ToJsonString()), json);
            case 3 or 4:
                return new BadRequest(path, "mutated field", Encoding.UTF8.GetBytes(junk.MutateTree(document).ToJsonString()), json);
            case 5 or 6:
                return new BadRequest(path, "damaged bytes", junk.MutateBytes(Encoding.UTF8.GetBytes(document.ToJsonString())), json);
            case 7:
                return new BadRequest(path, "wrong content type", Encoding.UTF8.GetBytes(document.ToJsonString()), junk.Chance(0.2) ? null : junk.MediaType());
            case 8:
                var padded = document.DeepClone();
                if (padded is JsonObject o)
                {
                    o["padding"] = new string(' ', limit + junk.Random.Next(1, 4096));
                }

                return new BadRequest(path, "over the limit", Encoding.UTF8.GetBytes(padded.ToJsonString()), json);
            default:
                return new BadRequest(path, "empty body", [], junk.Chance(0.5) ? json : null);
        }
    }

    private static string? ChatReplyProblem(HttpResponseMessage response, string body)
    {
        try
        {
            var document = JsonNode.Parse(body);
            var replies = document?["replies"] as JsonArray;
            var duplicate = document?["duplicate"]?.GetValue<bool>() == true;
            return replies is null ? "no replies array" : replies.Count == 0 && !duplicate ? "no reply at all" : null;
        }
        catch (JsonException)
        {
            return "the body is not JSON";
        }
    }

    private static string? AdviceProblem(HttpResponseMessage response, string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject ? null : "not a JSON object";
        }
        catch (JsonException)
        {
            return "the body is not JSON";
        }
    }
}
