using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Conversations.Practice;

namespace NotesGuard.Bot.Tests.Practice;

/// <summary>
/// The real app with Teams (a scripted loopback connector) and Slack (the loopback fake Web API) on, a practice
/// with one admin in each, a broadcast key, and NotesGuard in two Teams group chats and one Slack channel.
/// </summary>
public sealed class PracticeFixture : IAsyncDisposable
{
    public const string ApiKey = "practice-broadcast-key-for-tests-0123456789";
    public const string TeamsAdminAad = "6f0c1c2e-0a8b-4c55-9c1e-2b7d3f4a5e61";
    public const string SlackAdmin = "U0ADMIN";
    public const string SlackChannel = "C0PRACTICE";
    public const string GroupA = "19:group-a@thread.v2";
    public const string GroupB = "19:group-b@thread.v2";

    private int _ids;

    private PracticeFixture(FakeBotConnector teams, SlackBotHarness slack)
    {
        Teams = teams;
        Harness = slack;
    }

    public FakeBotConnector Teams { get; }

    public SlackBotHarness Harness { get; }

    public FakeSlackWebApi Slack => Harness.Slack;

    public HttpClient Client => Harness.Bot.Client;

    public IServiceProvider Services => Harness.Bot.Services;

    public static async Task<PracticeFixture> StartAsync(IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var teams = await FakeBotConnector.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Practice:Admins:0"] = $"msteams:{TeamsAdminAad}",
            ["Practice:Admins:1"] = $"slack:{SlackPayloads.Team}:{SlackAdmin}",
            ["Practice:BroadcastApiKeyHash"] = PracticeApiKey.Hash(ApiKey),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var fixture = new PracticeFixture(teams, await SlackBotHarness.StartAsync(all, configure));
        await fixture.InstallEverywhereAsync();
        return fixture;
    }

    /// <summary>NotesGuard is mentioned in two Teams group chats and joins a Slack channel, so all three are listed.</summary>
    private async Task InstallEverywhereAsync()
    {
        foreach (var group in new[] { GroupA, GroupB })
        {
            using var response = await TeamsAsync(Mention("help", group, "29:someone", null));
            response.EnsureSuccessStatusCode();
        }

        using var joined = await Harness.Requests.EventAsync(SlackEvent("Ev-join-1", new JsonObject
        {
            ["type"] = "member_joined_channel",
            ["user"] = SlackPayloads.BotUser,
            ["channel"] = SlackChannel,
            ["channel_type"] = "C",
            ["team"] = SlackPayloads.Team,
        }));
        joined.EnsureSuccessStatusCode();
        await WaitForTargetsAsync(3);
    }

    public async Task WaitForTargetsAsync(int count)
    {
        var directory = Services.GetRequiredService<PracticeChannelDirectory>();
        for (var i = 0; i < 200; i++)
        {
            if ((await directory.ListAsync()).Count >= count)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"expected {count} practice targets, saw {(await directory.ListAsync()).Count}");
    }

    public async Task<HttpResponseMessage> BroadcastAsync(JsonObject body, string? key = ApiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/practice/broadcast") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> TeamsAsync(JsonObject activity) => Client.PostAsJsonAsync("/api/messages", activity);

    public JsonObject Message(string text, string conversationType, string conversationId, string userId, string? aadObjectId)
    {
        var from = new JsonObject { ["id"] = userId, ["name"] = "Someone" };
        if (aadObjectId is not null)
        {
            from["aadObjectId"] = aadObjectId;
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["id"] = $"teams-{Interlocked.Increment(ref _ids)}-{Guid.NewGuid():N}",
            ["channelId"] = "msteams",
            ["serviceUrl"] = Teams.ServiceUrl,
            ["from"] = from,
            ["recipient"] = new JsonObject { ["id"] = "28:notesguard", ["name"] = "NotesGuard" },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = conversationType },
            ["text"] = text,
        };
    }

    public JsonObject Mention(string text, string conversationId, string userId, string? aadObjectId)
    {
        var activity = Message($"<at>NotesGuard</at> {text}", "groupChat", conversationId, userId, aadObjectId);
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>NotesGuard</at>",
            ["mentioned"] = new JsonObject { ["id"] = "28:notesguard", ["name"] = "NotesGuard" },
        });
        return activity;
    }

    public static JsonObject SlackEvent(string eventId, JsonObject ev) => new()
    {
        ["token"] = "legacy",
        ["team_id"] = SlackPayloads.Team,
        ["api_app_id"] = "A0NOTESGUARD",
        ["event"] = ev,
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1700000000,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = SlackPayloads.Team, ["user_id"] = SlackPayloads.BotUser, ["is_bot"] = true }),
    };

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Teams.DisposeAsync();
    }
}
