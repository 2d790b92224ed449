using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using NotesGuard.Bot.Tests.Infrastructure;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Conversations.Tests.State.Servers;

namespace NotesGuard.Bot.Tests.SharedStore;

/// <summary>
/// Two real app instances (two Kestrel hosts, each with its own data folder, as on two machines) on one shared
/// store, the way instances behind a load balancer run: a Slack workspace installed through one is answered with
/// its own token by the other. That needs the Data Protection key ring in the shared store, not on either disk.
/// </summary>
public sealed class SharedStoreInstanceTests(PostgresServer postgres, AzuriteServer azurite)
    : IClassFixture<PostgresServer>, IClassFixture<AzuriteServer>
{
    private const string SigningSecret = "shared-store-signing-secret";

    [Theory]
    [InlineData("Postgres")]
    [InlineData("AzureBlob")]
    public async Task A_slack_install_made_through_one_instance_is_used_by_the_other(string provider)
    {
        await using var slack = await FakeSlackWebApi.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = null,
            ["Slack:ClientId"] = "1234.5678",
            ["Slack:ClientSecret"] = "client-secret-abc",
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Slack:AuthorizeUrl"] = "https://slack.example/oauth/v2/authorize",
            ["Slack:OAuthRedirectUrl"] = "https://notesguard.example/slack/oauth/callback",
        };
        foreach (var (key, value) in await SharedStoreSettingsAsync(provider))
        {
            settings[key] = value;
        }

        await using var first = await RunningBot.StartAsync(settings);
        await using var second = await RunningBot.StartAsync(settings);
        Assert.NotEqual(first.DataFolder, second.DataFolder);

        // The browser starts on one instance and the load balancer sends Slack's redirect to the other.
        var (state, cookie) = await StartInstallAsync(first);
        var callback = await CallbackAsync(second, state, cookie);
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);

        // Each instance answers that workspace with the token the install stored.
        foreach (var (bot, n) in new[] { (first, 1), (second, 2) })
        {
            var message = SlackPayloads.DirectMessage($"EvShared{n}", "U0ALEX", "hello", ts: $"170000000{n}.000100");
            message["team_id"] = "TINSTALLED";
            var ack = await new SignedSlackRequests(bot.Client, SigningSecret).EventAsync(message);
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
            var posted = await slack.WaitForAsync("chat.postMessage", n);
            Assert.Equal("xoxb-installed-code-1", posted[n - 1].Token);
        }
    }

    private async Task<IDictionary<string, string?>> SharedStoreSettingsAsync(string provider) => provider switch
    {
        "Postgres" => new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:Postgres:ConnectionString"] = await postgres.NewSchemaAsync(),
        },
        _ => new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = azurite.ConnectionString,
            ["Storage:AzureBlob:Container"] = $"shared-{Guid.NewGuid():N}",
        },
    };

    private static async Task<(string State, string Cookie)> StartInstallAsync(RunningBot bot)
    {
        // Not following the redirect: it leads to Slack's consent page.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = bot.BaseAddress };
        var response = await browser.GetAsync("/slack/install");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var state = QueryHelpers.ParseQuery(response.Headers.Location!.Query)["state"].ToString();
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ng_slack_oauth_state=", StringComparison.Ordinal));
        return (state, cookie.Split(';')[0]);
    }

    private static async Task<HttpResponseMessage> CallbackAsync(RunningBot bot, string state, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/slack/oauth/callback?code=code-1&state={Uri.EscapeDataString(state)}");
        request.Headers.Add("Cookie", cookie);
        return await bot.Client.SendAsync(request);
    }
}
