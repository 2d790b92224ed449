using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using NotesGuard.Teams.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NotesGuard.Robustness.Tests.Fuzz;

/// <summary>
/// Generated bad input to /api/messages with authentication on: valid tokens carrying garbage activities (unknown
/// types, wrong-typed and missing fields, forged card data, damaged bytes, bodies over the limit), and forged,
/// expired, misaddressed or unsigned tokens aimed at a real person's open walkthrough. No answer is a 5xx, and the
/// person's walkthrough neither moves nor hears from the bot until they answer again.
/// </summary>
public sealed class TeamsFuzzTests(ITestOutputHelper output)
{
    private const string RealConversation = "a:real-person-chat";
    private const string RealUser = "29:real-person";

    [Fact]
    public async Task Generated_activities_get_a_4xx_or_an_answer_and_forged_tokens_never_reach_a_walkthrough()
    {
        var (seed, random) = FuzzSeed.For("teams");
        var junk = new Junk(random);
        var buttons = new ButtonValues(junk);
        var logs = new NotesGuard.Bot.Tests.Infrastructure.CapturingLoggerProvider();
        await using var teams = await TeamsWithAuth.StartAsync(UnlimitedRate.With(), logs: logs);
        var rogueKey = FakeOpenIdServer.NewKey("fuzz-key");

        // A real person is two answers into a walkthrough.
        await SendAsync(teams, Message(teams, RealConversation, RealUser, "hello", "real-1"), teams.Token());
        await SendAsync(teams, Message(teams, RealConversation, RealUser, "1", "real-2"), teams.Token());
        var toPersonBefore = ToRealPerson(teams);
        Assert.True(toPersonBefore >= 3, "the person got a welcome, a question and the next question");
        foreach (var call in teams.Connector.Calls)
        {
            buttons.Harvest(call.Body?.ToJsonString() ?? "");
        }

        var report = new FuzzReport("/api/messages", seed);
        for (var i = 0; i < FuzzSeed.CasesPerEndpoint; i++)
        {
            var forged = junk.Chance(0.3);
            var activity = forged ? Message(teams, RealConversation, RealUser, junk.Pick(["2", "3", "restart", "forget me", "back"]), $"forged-{i}") : Garbage(junk, buttons, teams, i);
            var (description, token) = forged ? Forged(junk, teams, rogueKey) : ("valid token", "Bearer " + teams.Token());
            var (shape, body, contentType) = Shape(junk, activity);
            var request = new BadRequest("/api/messages", $"{description}, {shape}", body, contentType)
            {
                Headers = token is null ? [] : [("Authorization", token)],
            };
            await report.SendAsync(teams.Bot.Client, i, request);
            if (i % 50 == 0)
            {
                foreach (var call in teams.Connector.Calls.TakeLast(20))
                {
                    buttons.Harvest(call.Body?.ToJsonString() ?? "");
                }
            }
        }

        output.WriteLine(report.Summary());
        foreach (var error in logs.Messages.Where(m => m.Contains("activity failed", StringComparison.Ordinal)))
        {
            // The endpoint answers 200 even then (Teams would only retry), but the person got no reply.
            report.Violation(-1, new BadRequest("/api/messages", "turn", [], null), "the turn threw: " + error[..Math.Min(600, error.Length)]);
        }

        report.AssertNoViolations();
        Assert.True(report.Count(s => s is 200 or 201 or 202) > FuzzSeed.CasesPerEndpoint / 8, "too few activities got past the checks: " + report.Summary());
        Assert.True(report.Count(s => s == 401) > FuzzSeed.CasesPerEndpoint / 5, "too few forged tokens: " + report.Summary());
        Assert.Equal(toPersonBefore, ToRealPerson(teams));

        // The person answers the question that was open; it is taken, and the next one comes.
        await SendAsync(teams, Message(teams, RealConversation, RealUser, "1", "real-3"), teams.Token());
        Assert.True(ToRealPerson(teams) > toPersonBefore);
        var last = teams.Connector.Messages.Last(c => c.RawPath.Contains(Uri.EscapeDataString(RealConversation), StringComparison.Ordinal));
        Assert.DoesNotContain("didn't recognise", last.Body?.ToJsonString() ?? "", StringComparison.Ordinal);
        await StoreIntegrity.AssertSqliteRecordsReadableAsync(teams.Bot.DataFolder);
    }

    private static int ToRealPerson(TeamsWithAuth teams) =>
        teams.Connector.Messages.Count(c => c.RawPath.Contains(Uri.EscapeDataString(RealConversation), StringComparison.Ordinal));

    private static async Task SendAsync(TeamsWithAuth teams, JsonObject activity, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await teams.Bot.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static JsonObject Message(TeamsWithAuth teams, string conversation, string user, string text, string id) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["channelId"] = "msteams",
        ["serviceUrl"] = teams.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = user, ["name"] = "Person" },
        ["recipient"] = new JsonObject { ["id"] = "28:" + TeamsWithAuth.AppId, ["name"] = "NotesGuard" },
        ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal" },
        ["text"] = text,
    };

    private static (string, string?) Forged(Junk junk, TeamsWithAuth teams, TestSigningKey rogueKey)
    {
        var now = DateTime.UtcNow;
        return junk.Random.Next(8) switch
        {
            0 => ("no token", null),
            1 => ("garbage token", "Bearer " + junk.String()),
            2 => ("unpublished key", "Bearer " + FakeOpenIdServer.Mint(rogueKey, TeamsWithAuth.AppId, teams.ServiceUrl)),
            3 => ("wrong audience", "Bearer " + FakeOpenIdServer.Mint(teams.Key, "another-bot", teams.ServiceUrl)),
            4 => ("expired", "Bearer " + FakeOpenIdServer.Mint(teams.Key, TeamsWithAuth.AppId, teams.ServiceUrl, notBefore: now.AddHours(-3), expires: now.AddHours(-2))),
            5 => ("token for another serviceUrl", "Bearer " + teams.Token("https://attacker.invalid/")),
            6 => ("unsigned", "Bearer " + FakeOpenIdServer.MintUnsigned("fuzz-key", TeamsWithAuth.AppId, teams.ServiceUrl)),
            _ => ("signature of another token", "Bearer " + Resigned(teams.Token(), FakeOpenIdServer.Mint(teams.Key, "another-bot", teams.ServiceUrl))),
        };
    }

    /// <summary>The header and claims of one token with the signature of another, both made with the real key.</summary>
    private static string Resigned(string claims, string signature) => claims[..claims.LastIndexOf('.')] + signature[signature.LastIndexOf('.')..];

    private static JsonObject Garbage(Junk junk, ButtonValues buttons, TeamsWithAuth teams, int index)
    {
        var conversation = "a:fuzz-" + junk.Random.Next(10).ToString(CultureInfo.InvariantCulture);
        var user = "29:fuzz-" + junk.Random.Next(4).ToString(CultureInfo.InvariantCulture);
        var activity = Message(teams, conversation, user, junk.Chance(0.5) ? junk.Pick(["hello", "1", "2", "3", "yes", "no", "back", "help", "why"]) : junk.String(), $"fuzz-{index}");
        switch (junk.Random.Next(9))
        {
            case 0:
                activity.Remove("text");
                activity["value"] = new JsonObject { ["notesguard"] = buttons.Next() };
                activity["replyToId"] = "activity-" + junk.Random.Next(100).ToString(CultureInfo.InvariantCulture);
                break;
            case 1:
                activity["type"] = "invoke";
                activity["name"] = junk.Chance(0.8) ? "adaptiveCard/action" : junk.String();
                activity["value"] = junk.Chance(0.7)
                    ? new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "answer", ["data"] = new JsonObject { ["notesguard"] = buttons.Next() } } }
                    : junk.Value();
                break;
            case 2:
                activity["type"] = "conversationUpdate";
                activity["membersAdded"] = junk.Chance(0.6)
                    ? new JsonArray(new JsonObject { ["id"] = "28:" + TeamsWithAuth.AppId }, junk.Value())
                    : junk.Value();
                activity["conversation"]!["conversationType"] = junk.Pick(["personal", "groupChat", "channel", junk.String()]);
                break;
            case 3:
                activity["type"] = junk.Pick(["installationUpdate", "typing", "event", "messageReaction", "endOfConversation", "trace", "", junk.String()]);
                activity["action"] = junk.Pick(["add", "remove", junk.String()]);
                break;
            case 4:
                activity["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = junk.String(), ["mentioned"] = junk.Value() }, junk.Value());
                activity["conversation"]!["conversationType"] = "channel";
                activity["conversation"]!["id"] = "19:fuzz@thread.tacv2;messageid=" + junk.String();
                break;
            case 5:
                activity["channelData"] = junk.Value();
                activity["value"] = junk.Value();
                break;
            case 6:
                activity["serviceUrl"] = junk.Chance(0.5) ? junk.String() : teams.ServiceUrl + "/" + Uri.EscapeDataString(junk.String());
                break;
            default:
                break;
        }

        return junk.Chance(0.3) ? (JsonObject)junk.MutateTree(activity) : activity;
    }

    private static (string, byte[], string?) Shape(Junk junk, JsonObject activity)
    {
        var body = Encoding.UTF8.GetBytes(activity.ToJsonString());
        return junk.Random.Next(12) switch
        {
            0 => ("damaged bytes", junk.MutateBytes(body), "application/json"),
            1 => ("wrong content type", body, junk.MediaType()),
            2 => ("over the limit", Encoding.UTF8.GetBytes(activity.ToJsonString().Insert(1, $"\"padding\":\"{new string('p', 256 * 1024)}\",")), "application/json"),
            3 => ("deeply nested", Encoding.UTF8.GetBytes(Junk.Deep(junk.Random.Next(65, 5000))), "application/json"),
            _ => ("activity", body, "application/json"),
        };
    }
}
