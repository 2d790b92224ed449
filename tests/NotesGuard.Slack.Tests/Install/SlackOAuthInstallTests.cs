using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Bot.Tests.Slack;
using NotesGuard.Conversations.State;
using NotesGuard.Slack.Install;
using NotesGuard.Slack.Tests.Fakes;

namespace NotesGuard.Slack.Tests.Install;

public sealed class SlackOAuthInstallTests : IAsyncLifetime
{
    private SlackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Slack:BotToken"] = null,
        ["Slack:ClientId"] = "1234.5678",
        ["Slack:ClientSecret"] = "client-secret-abc",
        ["Slack:AuthorizeUrl"] = "https://slack.example/oauth/v2/authorize",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(string State, string Cookie, Uri Location)> StartInstallAsync()
    {
        var response = await _host.Client.GetAsync("/slack/install");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        var query = QueryHelpers.ParseQuery(location.Query);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SlackOAuthEndpoints.StateCookie, StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        return (query["state"].ToString(), cookie.Split(';')[0], location);
    }

    private async Task<HttpResponseMessage> CallbackAsync(string query, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/slack/oauth/callback?" + query);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await _host.Client.SendAsync(request);
    }

    [Fact]
    public async Task Install_redirects_to_slacks_consent_page_with_exactly_the_bot_scopes_and_a_state()
    {
        var (state, _, location) = await StartInstallAsync();

        Assert.StartsWith("https://slack.example/oauth/v2/authorize?", location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("1234.5678", query["client_id"].ToString());
        Assert.Equal("app_mentions:read,channels:read,chat:write,commands,files:write,groups:read,im:history,im:read,im:write", query["scope"].ToString());
        Assert.EndsWith("/slack/oauth/callback", query["redirect_uri"].ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(state));
    }

    [Fact]
    public async Task The_callback_exchanges_the_code_and_stores_the_workspace_token_encrypted_then_uses_it()
    {
        var (state, cookie, _) = await StartInstallAsync();

        var response = await CallbackAsync($"code=abc123&state={Uri.EscapeDataString(state)}", cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Installed Practice", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var exchange = Assert.Single(_host.Slack.CallsTo("oauth.v2.access"));
        Assert.Equal("abc123", exchange.Str("code"));
        Assert.Equal("1234.5678", exchange.Str("client_id"));

        var record = Assert.Single(_host.Store.Records, r => r.Key.Kind == RecordKind.SlackInstallation);
        Assert.Equal("TINSTALLED", record.Key.Key.ConversationId);
        Assert.DoesNotContain("xoxb-installed-abc123", Encoding.UTF8.GetString(record.Value.Data), StringComparison.Ordinal);
        var install = await _host.Services.GetRequiredService<SlackInstallStore>().FindAsync("TINSTALLED");
        Assert.Equal("xoxb-installed-abc123", install!.BotToken);

        // A message in that workspace is answered with that workspace's token.
        var message = SlackPayloads.DirectMessage("EvInstalled", "U0ALEX", "hello");
        message["team_id"] = "TINSTALLED";
        await _host.Requests.EventAsync(message);
        Assert.Equal("xoxb-installed-abc123", (await _host.Slack.WaitForAsync("chat.postMessage"))[0].Token);
    }

    [Theory]
    [InlineData("slack-install", "bot")]
    [InlineData("slack", "TINSTALLED")]
    [InlineData("slack", "U0ALEX")]
    public async Task No_forget_me_whatever_channel_and_user_it_names_can_delete_a_workspace_install(string channel, string user)
    {
        var (state, cookie, _) = await StartInstallAsync();
        await CallbackAsync($"code=abc123&state={Uri.EscapeDataString(state)}", cookie);

        await _host.Store.DeleteUserAsync(channel, user);

        var install = await _host.Services.GetRequiredService<SlackInstallStore>().FindAsync("TINSTALLED");
        Assert.Equal("xoxb-installed-abc123", install?.BotToken);
    }

    [Fact]
    public async Task An_install_saved_before_record_kinds_is_found_and_moved_to_its_own_kind()
    {
        var (state, cookie, _) = await StartInstallAsync();
        await CallbackAsync($"code=abc123&state={Uri.EscapeDataString(state)}", cookie);
        var encrypted = _host.Store.Records.Single(r => r.Key.Kind == RecordKind.SlackInstallation).Value.Data;
        var installs = _host.Services.GetRequiredService<SlackInstallStore>();
        await installs.DeleteAsync("TINSTALLED");
        await _host.Store.TryWriteAsync(LegacyRecords.SlackInstallKey("TINSTALLED"), encrypted, null, TimeSpan.FromDays(30));

        Assert.Equal("xoxb-installed-abc123", (await installs.FindAsync("TINSTALLED"))?.BotToken);

        Assert.Single(_host.Store.Records, r => r.Key.Kind == RecordKind.SlackInstallation);
        Assert.DoesNotContain(_host.Store.Records, r => r.Key.Kind == RecordKind.Walkthrough);
    }

    [Fact]
    public async Task Uninstalling_the_app_from_a_workspace_deletes_its_stored_token()
    {
        var (state, cookie, _) = await StartInstallAsync();
        await CallbackAsync($"code=abc123&state={Uri.EscapeDataString(state)}", cookie);
        var installs = _host.Services.GetRequiredService<SlackInstallStore>();
        Assert.NotNull(await installs.FindAsync("TINSTALLED"));

        var uninstalled = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = "TINSTALLED",
            ["event_id"] = "EvUninstalled",
            ["event"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "app_uninstalled", ["event_ts"] = "1700000000.000001" },
        };
        Assert.Equal(HttpStatusCode.OK, (await _host.Requests.EventAsync(uninstalled)).StatusCode);

        for (var i = 0; i < 50 && await installs.FindAsync("TINSTALLED") is not null; i++)
        {
            await Task.Delay(100);
        }

        Assert.Null(await installs.FindAsync("TINSTALLED"));
    }

    [Fact]
    public async Task A_callback_with_a_forged_state_is_refused_without_calling_slack()
    {
        var (_, cookie, _) = await StartInstallAsync();

        var response = await CallbackAsync("code=abc123&state=forged", cookie);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Slack.CallsTo("oauth.v2.access"));
    }

    [Fact]
    public async Task A_callback_from_another_browser_without_the_state_cookie_is_refused()
    {
        var (state, _, _) = await StartInstallAsync();

        var response = await CallbackAsync($"code=abc123&state={Uri.EscapeDataString(state)}", cookie: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Slack.CallsTo("oauth.v2.access"));
    }

    [Fact]
    public async Task A_state_cookie_from_another_install_attempt_does_not_match()
    {
        var (state, _, _) = await StartInstallAsync();
        var (_, otherCookie, _) = await StartInstallAsync();

        var response = await CallbackAsync($"code=abc123&state={Uri.EscapeDataString(state)}", otherCookie);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Slack_refusing_the_code_is_shown_as_an_error_page_and_nothing_is_stored()
    {
        var (state, cookie, _) = await StartInstallAsync();
        _host.Slack.FailNext("oauth.v2.access", "invalid_code");

        var response = await CallbackAsync($"code=stale&state={Uri.EscapeDataString(state)}", cookie);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("invalid_code", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Store.Records, r => r.Key.Kind == RecordKind.SlackInstallation);
    }

    private static Task<SlackTestHost> NetworkAsync() => SlackTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Slack:BotToken"] = null,
        ["Slack:ClientId"] = "1234.5678",
        ["Slack:ClientSecret"] = "client-secret-abc",
        ["Slack:AllowedTeamIds:0"] = "T0PRACTICE",
        ["Slack:AllowedTeamIds:1"] = "T0BRANCH",
    });

    [Fact]
    public async Task A_workspace_outside_the_allowed_list_that_installs_anyway_has_its_new_token_revoked()
    {
        // Slack says which workspace was chosen only when the code is exchanged, and by then the app is installed
        // there: the token must be given back, or the refused workspace keeps a NotesGuard that never answers.
        await using var network = await NetworkAsync();
        var install = await network.Client.GetAsync("/slack/install");
        var state = QueryHelpers.ParseQuery(install.Headers.Location!.Query)["state"].ToString();
        var cookie = install.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SlackOAuthEndpoints.StateCookie, StringComparison.Ordinal)).Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/slack/oauth/callback?code=abc&state={Uri.EscapeDataString(state)}");
        request.Headers.Add("Cookie", cookie);

        var response = await network.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var revoke = Assert.Single(network.Slack.CallsTo("auth.revoke"));
        Assert.Equal("xoxb-installed-abc", revoke.Token);
        Assert.Null(await network.Services.GetRequiredService<SlackInstallStore>().FindAsync("TINSTALLED"));
        Assert.DoesNotContain(network.Store.Records, r => r.Key.Kind == RecordKind.SlackInstallation);
    }

    [Fact]
    public async Task An_organisation_wide_install_without_a_team_is_not_kept_and_its_token_is_revoked()
    {
        var (state, cookie, _) = await StartInstallAsync();
        _host.Slack.AnswerNext("oauth.v2.access", new System.Text.Json.Nodes.JsonObject
        {
            ["ok"] = true,
            ["access_token"] = "xoxb-enterprise-wide",
            ["token_type"] = "bot",
            ["is_enterprise_install"] = true,
            ["enterprise"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "E0GRID", ["name"] = "Grid" },
            ["team"] = null,
        });

        var response = await CallbackAsync($"code=grid&state={Uri.EscapeDataString(state)}", cookie);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("xoxb-enterprise-wide", Assert.Single(await _host.Slack.WaitForAsync("auth.revoke")).Token);
    }

    [Fact]
    public async Task An_install_for_a_team_hint_outside_the_allowed_list_is_refused_before_slack_is_involved()
    {
        await using var network = await NetworkAsync();

        var response = await network.Client.GetAsync("/slack/install?team=T0STRANGER");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Empty(network.Slack.Calls);
    }

    [Fact]
    public async Task An_allowed_team_hint_is_passed_to_slacks_consent_page()
    {
        await using var network = await NetworkAsync();

        var response = await network.Client.GetAsync("/slack/install?team=T0BRANCH");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("T0BRANCH", QueryHelpers.ParseQuery(response.Headers.Location!.Query)["team"].ToString());
    }

    [Fact]
    public async Task The_redirect_uri_comes_from_configuration_whatever_host_the_request_names()
    {
        using var install = new HttpRequestMessage(HttpMethod.Get, "/slack/install");
        install.Headers.Host = "attacker.example";
        var response = await _host.Client.SendAsync(install);
        var location = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal(SlackTestHost.OAuthRedirectUrl, location["redirect_uri"].ToString());

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SlackOAuthEndpoints.StateCookie, StringComparison.Ordinal)).Split(';')[0];
        using var callback = new HttpRequestMessage(HttpMethod.Get, $"/slack/oauth/callback?code=abc&state={Uri.EscapeDataString(location["state"].ToString())}");
        callback.Headers.Host = "attacker.example";
        callback.Headers.Add("Cookie", cookie);
        await _host.Client.SendAsync(callback);

        Assert.Equal(SlackTestHost.OAuthRedirectUrl, Assert.Single(_host.Slack.CallsTo("oauth.v2.access")).Str("redirect_uri"));
    }

    [Fact]
    public async Task A_user_who_cancels_on_slacks_page_gets_a_readable_page()
    {
        var response = await CallbackAsync("error=access_denied&state=x", cookie: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("access_denied", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_link_carrying_other_text_as_its_error_does_not_show_it_as_slacks_words()
    {
        var response = await CallbackAsync("error=" + Uri.EscapeDataString("Your install failed. Call our support line on 0800 000 000") + "&state=x", cookie: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("0800", page, StringComparison.Ordinal);
        Assert.Contains("start again from the install link", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_state_cookie_is_secure_when_the_callback_is_https_even_if_the_app_sees_http_behind_a_proxy()
    {
        // The test host listens on plain http; the configured callback is https, as behind a TLS-ending proxy.
        var response = await _host.Client.GetAsync("/slack/install");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SlackOAuthEndpoints.StateCookie, StringComparison.Ordinal));
        Assert.StartsWith("https://", SlackTestHost.OAuthRedirectUrl, StringComparison.Ordinal);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_under_the_data_folder_so_tokens_survive_a_restart()
    {
        var (state, cookie, _) = await StartInstallAsync();
        await CallbackAsync($"code=abc123&state={Uri.EscapeDataString(state)}", cookie);

        var options = _host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>().Value;
        var repository = Assert.IsType<Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository>(options.XmlRepository);
        Assert.EndsWith(SlackChannelExtensions.KeysFolderName, repository.Directory.FullName, StringComparison.Ordinal);
        Assert.NotEmpty(repository.Directory.GetFiles("*.xml"));

        // The keys sit unencrypted beside the database they unlock: only the app's own user may open the folder.
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(repository.Directory.FullName));
        }
    }
}
