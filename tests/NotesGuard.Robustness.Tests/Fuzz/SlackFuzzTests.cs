using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Slack.Inbound;
using Xunit.Abstractions;

namespace NotesGuard.Robustness.Tests.Fuzz;

/// <summary>
/// Generated bad input to /slack/events, /slack/commands and /slack/interactions on the real app, most of it correctly
/// signed so the parsers behind the signature check are exercised, the rest forged, stale, replayed or unsigned — and
/// the forged part aimed at a real person's open walkthrough. No answer is a 5xx, no queued work fails with an
/// exception (it would leave the person without a reply), and the person's walkthrough is untouched.
/// </summary>
public sealed class SlackFuzzTests(ITestOutputHelper output)
{
    private const string RealUser = "U0REALPERSON";
    private const string RealChannel = "D0REALPERSON";

    [Fact]
    public async Task Generated_slack_requests_get_a_4xx_or_an_ack_and_never_touch_a_real_walkthrough()
    {
        var (seed, random) = FuzzSeed.For("slack");
        var junk = new Junk(random);
        var buttons = new ButtonValues(junk);
        var logs = new CapturingLoggerProvider();
        await using var slack = await FakeSlackWebApi.StartAsync();
        await using var bot = await RunningBot.StartAsync(
            UnlimitedRate.With(new Dictionary<string, string?>
            {
                ["Slack:SigningSecret"] = SlackBotHarness.SigningSecret,
                ["Slack:BotToken"] = SlackBotHarness.BotToken,
                ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
                ["Slack:TeamId"] = SlackPayloads.Team,
                ["Slack:ResponseUrlBase"] = slack.BaseAddress.ToString(),
                ["Slack:QueueCapacity"] = "10000",
                ["Slack:MaxQueuedPerPerson"] = "10000",
            }),
            configure: builder => builder.Logging.AddProvider(logs));
        var signed = new SignedSlackRequests(bot.Client, SlackBotHarness.SigningSecret);
        var forger = new SlackSignature("not-the-signing-secret");

        // A real person is two questions into a walkthrough in their DM.
        await signed.EventAsync(SlackPayloads.DirectMessage("EvReal1", RealUser, "hello", RealChannel, "1700000001.000100"));
        var (first, firstChoices) = await NextQuestionAsync(slack, 0);
        await signed.InteractionAsync(SlackPayloads.Click(
            RealUser, firstChoices[0].ActionId, firstChoices.Single(c => c.Value.Choice == "england-wales").Value.Encode(), RealChannel, first.AnsweredTs!, responseUrl: slack.ResponseUrl("real1").ToString()));
        var (open, openChoices) = await NextQuestionAsync(slack, 1);
        var postsToPersonBefore = slack.CallsTo("chat.postMessage").Count(c => c.Str("channel") == RealChannel);
        foreach (var call in slack.Calls)
        {
            buttons.Harvest(call.RawBody);
        }

        var report = new FuzzReport("/slack/*", seed);
        var replayable = new List<BadRequest>();
        for (var i = 0; i < FuzzSeed.CasesPerEndpoint * 2; i++)
        {
            var request = NextRequest(junk, buttons, slack, signed, forger, replayable, i);
            await report.SendAsync(bot.Client, i, request);
            if (i % 50 == 0)
            {
                foreach (var call in slack.Calls.TakeLast(20))
                {
                    buttons.Harvest(call.RawBody);
                }
            }
        }

        // The person answers the open question; their lane runs in order, so anything forged for them ran before this.
        var police = openChoices.Single(c => c.Value.Choice == "police");
        await signed.InteractionAsync(SlackPayloads.Click(
            RealUser, police.ActionId, police.Value.Encode(), RealChannel, open.AnsweredTs!, actionTs: "1700009999.000001", responseUrl: slack.ResponseUrl("real2").ToString()));
        await slack.WaitForAsync(c => c.Method == "chat.update" && c.Str("ts") == open.AnsweredTs, timeoutMs: 60_000);
        var (_, nextChoices) = await NextQuestionAsync(slack, 2);

        output.WriteLine(report.Summary());
        foreach (var error in logs.Messages.Where(m => m.Contains("failed", StringComparison.Ordinal) && m.Contains("Exception", StringComparison.Ordinal)))
        {
            report.Violation(-1, new BadRequest("/slack/*", "queued work", [], null), "work failed after the ack: " + error[..Math.Min(400, error.Length)]);
        }

        report.AssertNoViolations();
        Assert.True(report.Count(s => s == 200) > FuzzSeed.CasesPerEndpoint / 2, "too few signed requests were accepted: " + report.Summary());
        Assert.True(report.Count(s => s == 401) > FuzzSeed.CasesPerEndpoint / 10, "too few forged requests were sent: " + report.Summary());
        Assert.NotEqual(openChoices[0].Value.Target, nextChoices[0].Value.Target);
        Assert.Equal(postsToPersonBefore + 1, slack.CallsTo("chat.postMessage").Count(c => c.Str("channel") == RealChannel));
        await StoreIntegrity.AssertSqliteRecordsReadableAsync(bot.DataFolder);
    }

    private static async Task<(FakeSlackCall Message, IReadOnlyList<(string ActionId, NotesGuard.Conversations.Engine.ButtonValue Value)> Choices)> NextQuestionAsync(FakeSlackWebApi slack, int alreadySeen)
    {
        var calls = await slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == RealChannel && SlackBotHarness.ChoicesOf(c).Count > 0, alreadySeen + 1, 60_000);
        return (calls[alreadySeen], SlackBotHarness.ChoicesOf(calls[alreadySeen]));
    }

    private static BadRequest NextRequest(Junk junk, ButtonValues buttons, FakeSlackWebApi slack, SignedSlackRequests signed, SlackSignature forger, List<BadRequest> replayable, int index)
    {
        // Forged requests go after the real person; signed ones come from a crowd of fuzz users.
        var forged = junk.Chance(0.25);
        var user = forged ? RealUser : "U0FUZZ" + junk.Random.Next(8).ToString(CultureInfo.InvariantCulture);
        var channel = forged ? RealChannel : "D0FUZZ" + junk.Random.Next(4).ToString(CultureInfo.InvariantCulture);
        var (path, description, body, contentType) = junk.Random.Next(4) switch
        {
            0 or 1 => Event(junk, buttons, user, channel, index),
            2 => Command(junk, slack, user, channel, index),
            _ => Interaction(junk, buttons, slack, user, channel, index),
        };

        if (!forged && replayable.Count > 0 && junk.Chance(0.05))
        {
            // The same signed bytes again, as an attacker who captured them would send them.
            return junk.Pick(replayable) with { Description = "replayed" };
        }

        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        List<(string, string)> headers = [("X-Slack-Request-Timestamp", ts)];
        if (!forged)
        {
            headers.Add(("X-Slack-Signature", new SlackSignature(SlackBotHarness.SigningSecret).Compute(ts, body)));
            if (junk.Chance(0.1))
            {
                headers.Add(("X-Slack-Retry-Num", junk.Chance(0.5) ? "1" : junk.String()));
            }

            var request = new BadRequest(path, "signed " + description, body, contentType) { Headers = headers };
            if (replayable.Count < 50)
            {
                replayable.Add(request);
            }

            return request;
        }

        var how = junk.Random.Next(6);
        headers = how switch
        {
            0 => [("X-Slack-Request-Timestamp", ts), ("X-Slack-Signature", forger.Compute(ts, body))],
            1 => [("X-Slack-Request-Timestamp", Stale()), ("X-Slack-Signature", new SlackSignature(SlackBotHarness.SigningSecret).Compute(Stale(), body))],
            2 => [],
            3 => [("X-Slack-Request-Timestamp", junk.String()), ("X-Slack-Signature", "v0=" + junk.String())],
            4 => [("X-Slack-Request-Timestamp", ts), ("X-Slack-Signature", new SlackSignature(SlackBotHarness.SigningSecret).Compute(ts, [.. body, (byte)' ']))],
            _ => [("X-Slack-Request-Timestamp", ts), ("X-Slack-Signature", "v0=" + new string('0', 64))],
        };
        return new BadRequest(path, $"forged ({how}) {description}", body, contentType) { Headers = headers };
    }

    private static string Stale() => (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 301 - 3600).ToString(CultureInfo.InvariantCulture);

    private static (string, string, byte[], string?) Event(Junk junk, ButtonValues buttons, string user, string channel, int index)
    {
        var eventId = "EvFuzz" + index.ToString(CultureInfo.InvariantCulture);
        var ts = $"17000{index:D5}.000100";
        var text = junk.Chance(0.5) ? junk.Pick(["hello", "1", "2", "yes", "no", "back", "restart", "help", "why", "new case", "forget me"]) : junk.String();
        JsonObject envelope = junk.Random.Next(7) switch
        {
            0 => SlackPayloads.Mention(eventId, user, text, "C0FUZZ", ts, junk.Chance(0.5) ? ts : null),
            1 => SlackPayloads.AppHomeOpened(eventId, user),
            2 => SlackPayloads.BotMessage(eventId, channel),
            3 => SlackPayloads.EditedMessage(eventId, user, channel),
            4 => SlackPayloads.UrlVerification(junk.String()),
            5 => WithEventType(SlackPayloads.DirectMessage(eventId, user, text, channel, ts), junk.Pick(["reaction_added", "team_join", "", "message.im", "link_shared", junk.String()])),
            _ => SlackPayloads.DirectMessage(eventId, user, junk.Chance(0.2) ? buttons.Next() : text, channel, ts),
        };
        if (junk.Chance(0.1))
        {
            envelope["team_id"] = junk.Chance(0.5) ? "T0OTHER" : junk.String();
        }

        var document = junk.Chance(0.5) ? (JsonNode)envelope : junk.MutateTree(envelope);
        var body = Encoding.UTF8.GetBytes(document.ToJsonString());
        return junk.Random.Next(10) switch
        {
            0 => ("/slack/events", "damaged event", junk.MutateBytes(body), "application/json"),
            1 => ("/slack/events", "event, wrong content type", body, junk.MediaType()),
            2 => ("/slack/events", "event over the limit", Encoding.UTF8.GetBytes(Padded(envelope, 1024 * 1024).ToJsonString()), "application/json"),
            _ => ("/slack/events", "event", body, "application/json"),
        };
    }

    private static JsonObject WithEventType(JsonObject envelope, string type)
    {
        envelope["event"]!["type"] = type;
        return envelope;
    }

    private static (string, string, byte[], string?) Command(Junk junk, FakeSlackWebApi slack, string user, string channel, int index)
    {
        var fields = SlackPayloads.SlashCommand(
            user,
            junk.Chance(0.6) ? junk.Pick(["", "new", "restart", "forget-me", "help", "start", "new case"]) : junk.String(),
            junk.Chance(0.5) ? channel : "C0FUZZ",
            slack.ResponseUrl("cmd" + index.ToString(CultureInfo.InvariantCulture)),
            "trigger-fuzz-" + index.ToString(CultureInfo.InvariantCulture));
        if (junk.Chance(0.3))
        {
            var key = junk.Pick(fields.Keys.ToList());
            if (junk.Chance(0.5))
            {
                fields.Remove(key);
            }
            else if (key != "response_url")
            {
                // response_url stays on loopback: the bot must never be made to call out of this machine.
                fields[key] = junk.String();
            }
        }

        var form = Encoding.UTF8.GetBytes(SignedSlackRequests.Form(fields));
        return junk.Random.Next(8) switch
        {
            0 => ("/slack/commands", "command with invalid UTF-8", junk.InsertInvalidUtf8(form), "application/x-www-form-urlencoded"),
            1 => ("/slack/commands", "command with bad escapes", [.. form, .. "&text=%E2%82&%ZZ=%"u8.ToArray()], "application/x-www-form-urlencoded"),
            2 => ("/slack/commands", "command as JSON", Encoding.UTF8.GetBytes(new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))).ToJsonString()), junk.MediaType()),
            _ => ("/slack/commands", "command", form, "application/x-www-form-urlencoded"),
        };
    }

    private static (string, string, byte[], string?) Interaction(Junk junk, ButtonValues buttons, FakeSlackWebApi slack, string user, string channel, int index)
    {
        var responseUrl = slack.ResponseUrl("act" + index.ToString(CultureInfo.InvariantCulture)).ToString();
        var actionTs = $"17001{index:D5}.000001";
        JsonObject payload = junk.Random.Next(5) switch
        {
            0 => SlackPayloads.HomeClick(user, junk.Pick(["ng-home-new", "ng-button:0", "ng-why:1", junk.String()]), actionTs),
            1 => SlackPayloads.ModalClick(user, "ng-button:" + junk.Random.Next(5), buttons.Next(), junk.Chance(0.5) ? junk.String() : "{\"c\":\"" + channel + "\"}", actionTs),
            2 => SlackPayloads.ViewSubmission(user, junk.Chance(0.5) ? junk.String() : "{}", junk.String()),
            _ => SlackPayloads.Click(user, "ng-button:" + junk.Random.Next(5), buttons.Next(), channel, $"1700000{junk.Random.Next(1000):D3}.000100", junk.Chance(0.2) ? "1700000001.000100" : null, actionTs, responseUrl),
        };
        if (junk.Chance(0.4))
        {
            payload = (JsonObject)junk.MutateTree(payload);
            if (payload.ContainsKey("response_url"))
            {
                // Never aim the bot at a host outside this machine.
                payload["response_url"] = responseUrl;
            }
        }

        var field = payload.ToJsonString();
        var form = Encoding.UTF8.GetBytes(SignedSlackRequests.Form(new Dictionary<string, string> { ["payload"] = field }));
        return junk.Random.Next(8) switch
        {
            0 => ("/slack/interactions", "interaction, damaged payload", Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(Encoding.Latin1.GetString(junk.MutateBytes(Encoding.UTF8.GetBytes(field))))), "application/x-www-form-urlencoded"),
            1 => ("/slack/interactions", "interaction without payload", Encoding.UTF8.GetBytes("nothing=" + Uri.EscapeDataString(junk.String())), "application/x-www-form-urlencoded"),
            2 => ("/slack/interactions", "interaction, invalid UTF-8", junk.InsertInvalidUtf8(form), "application/x-www-form-urlencoded"),
            _ => ("/slack/interactions", "interaction", form, "application/x-www-form-urlencoded"),
        };
    }

    private static JsonObject Padded(JsonObject envelope, int limit)
    {
        var copy = (JsonObject)envelope.DeepClone();
        copy["padding"] = new string('p', limit);
        return copy;
    }
}
