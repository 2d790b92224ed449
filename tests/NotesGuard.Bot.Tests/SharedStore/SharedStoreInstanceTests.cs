using System.Net;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
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

        await InstallThroughOneAndMessageBothAsync(slack, await SharedStoreSettingsAsync(provider));
    }

    [Fact]
    public async Task With_a_Key_Vault_key_the_shared_key_ring_is_stored_wrapped_and_both_instances_unwrap_it()
    {
        await using var slack = await FakeSlackWebApi.StartAsync();
        await using var vault = await FakeKeyVault.StartAsync();
        var connectionString = await postgres.NewSchemaAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:Postgres:ConnectionString"] = connectionString,
            ["DataProtection:KeyVaultKeyId"] = vault.KeyId,
        };

        await InstallThroughOneAndMessageBothAsync(slack, settings, builder => builder.Services.AddSingleton<TokenCredential>(new FakeVaultCredential()));

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var keys = dataSource.CreateCommand("SELECT xml FROM notesguard_data_protection_key");
        var stored = new List<string>();
        await using (var reader = await keys.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetString(0));
            }
        }

        Assert.NotEmpty(stored);
        Assert.All(stored, xml => Assert.Contains("keyVaultEncryptedKey", xml, StringComparison.Ordinal));
        Assert.All(stored, xml => Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal));
        Assert.Contains("wrapkey", vault.Operations);
        Assert.Contains("unwrapkey", vault.Operations);
    }

    /// <summary>
    /// Two instances on the same settings, separate data folders: the browser starts the install on the first, the
    /// load balancer sends Slack's redirect to the second, and then each answers the workspace with its token.
    /// </summary>
    private static async Task InstallThroughOneAndMessageBothAsync(
        FakeSlackWebApi slack, IDictionary<string, string?> store, Action<WebApplicationBuilder>? configure = null)
    {
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
        foreach (var (key, value) in store)
        {
            settings[key] = value;
        }

        await using var first = await RunningBot.StartAsync(settings, configure: configure);
        await using var second = await RunningBot.StartAsync(settings, configure: configure);
        Assert.NotEqual(first.DataFolder, second.DataFolder);

        var (state, cookie) = await StartInstallAsync(first);
        var callback = await CallbackAsync(second, state, cookie);
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);

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
