using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Bot.Tests.Slack;

/// <summary>Acks in time while Slack is slow, overload, slash commands and the OAuth install, on the real app.</summary>
public sealed class SlackDeliveryTests
{
    [Fact]
    public async Task Every_request_is_acknowledged_within_three_seconds_while_the_slack_api_takes_five()
    {
        await using var harness = await SlackBotHarness.StartAsync();
        harness.Slack.Delay = TimeSpan.FromSeconds(5);

        var clock = Stopwatch.StartNew();
        var ack = await harness.Requests.EventAsync(SlackPayloads.DirectMessage("EvSlow", "U0ALEX", "hello"));
        var ackTime = clock.Elapsed;
        var command = await harness.Requests.CommandAsync(SlackPayloads.SlashCommand("U0ALEX", "new", "C0SUPERVISION", harness.Slack.ResponseUrl("c1")));
        var commandTime = clock.Elapsed - ackTime;

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        Assert.True(ackTime < TimeSpan.FromSeconds(3), $"event ack took {ackTime.TotalMilliseconds} ms");
        Assert.True(commandTime < TimeSpan.FromSeconds(3), $"command ack took {commandTime.TotalMilliseconds} ms");
        // The work still happens, after the ack, once the slow API answers.
        await harness.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "D0DIRECT", timeoutMs: 20_000);
    }

    [Fact]
    public async Task Under_overload_every_ack_is_in_time_and_people_beyond_capacity_are_told_to_retry()
    {
        await using var harness = await SlackBotHarness.StartAsync(new Dictionary<string, string?> { ["Slack:Workers"] = "1", ["Slack:QueueCapacity"] = "2" });
        harness.Slack.Delay = TimeSpan.FromSeconds(2);

        var acks = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            var clock = Stopwatch.StartNew();
            var response = await harness.Requests.EventAsync(SlackPayloads.Mention($"EvLoad{i}", $"U0USER{i}", "new case", ts: $"1700002000.{i:D6}"));
            acks.Add(clock.Elapsed);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.All(acks, a => Assert.True(a < TimeSpan.FromSeconds(3), $"ack took {a.TotalMilliseconds} ms"));
        var busy = await harness.Slack.WaitForAsync(c => c.Method == "chat.postEphemeral" && (c.Str("text") ?? "").Contains("try again", StringComparison.Ordinal), timeoutMs: 30_000);
        Assert.NotEmpty(busy);
    }

    [Fact]
    public async Task Slash_command_new_in_a_channel_opens_a_thread_and_asks_the_first_question_there()
    {
        await using var harness = await SlackBotHarness.StartAsync();

        var response = await harness.Requests.CommandAsync(SlackPayloads.SlashCommand("U0ALEX", "new", "C0SUPERVISION", harness.Slack.ResponseUrl("c2")));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        var root = (await harness.Slack.WaitForAsync("chat.postMessage"))[0];
        Assert.Null(root.Str("thread_ts"));
        var (question, _) = await harness.NextQuestionAsync("C0SUPERVISION", root.AnsweredTs, 0);
        Assert.Equal(root.AnsweredTs, question.Str("thread_ts"));
    }

    [Fact]
    public async Task Slash_command_forget_me_deletes_the_users_walkthrough_and_confirms_privately()
    {
        await using var harness = await SlackBotHarness.StartAsync();
        await harness.Requests.EventAsync(SlackPayloads.DirectMessage("EvF1", "U0ALEX", "hello"));
        await harness.NextQuestionAsync("D0DIRECT", null, 0);

        await harness.Requests.CommandAsync(SlackPayloads.SlashCommand("U0ALEX", "forget-me", "D0DIRECT", harness.Slack.ResponseUrl("c3")));

        var confirmation = Assert.Single(await harness.Slack.WaitForAsync("response_url"));
        Assert.Equal("ephemeral", confirmation.Str("response_type"));
        Assert.Contains("deleted", confirmation.Str("text"), StringComparison.Ordinal);
        // With nothing kept, the next message starts a new walkthrough at the first question.
        await harness.Requests.EventAsync(SlackPayloads.DirectMessage("EvF2", "U0ALEX", "Scotland", ts: "1700000020.000100"));
        var (_, choices) = await harness.NextQuestionAsync("D0DIRECT", null, 1);
        Assert.Equal("jurisdiction", choices[0].Value.Target);
    }

    [Fact]
    public async Task Oauth_install_against_the_fake_stores_the_token_encrypted_in_the_state_database_and_uses_it()
    {
        await using var harness = await SlackBotHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = null,
            ["Slack:ClientId"] = "1234.5678",
            ["Slack:ClientSecret"] = "client-secret",
            ["Slack:OAuthRedirectUrl"] = "https://notesguard.practice.example/slack/oauth/callback",
        });
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = harness.Bot.BaseAddress };

        var install = await browser.GetAsync("/slack/install");
        Assert.Equal(HttpStatusCode.Redirect, install.StatusCode);
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(install.Headers.Location!.Query)["state"].ToString();
        var cookie = install.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        using var callback = new HttpRequestMessage(HttpMethod.Get, $"/slack/oauth/callback?code=e2e&state={Uri.EscapeDataString(state)}");
        callback.Headers.Add("Cookie", cookie);
        var done = await browser.SendAsync(callback);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Single(harness.Slack.CallsTo("oauth.v2.access"));
        var database = Directory.GetFiles(harness.Bot.DataFolder, "*.db", SearchOption.AllDirectories).Single();
        SqliteConnection.ClearAllPools();
        // The database and its write-ahead log: a write not yet checkpointed sits in the -wal file.
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(database)!, Path.GetFileName(database) + "*"))
        {
            Assert.DoesNotContain("xoxb-installed-e2e", Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(harness.Bot.DataFolder, "data-protection-keys"), "*.xml"));

        var message = SlackPayloads.DirectMessage("EvInstalled", "U0ALEX", "hello");
        message["team_id"] = "TINSTALLED";
        await harness.Requests.EventAsync(message);
        var posted = await harness.Slack.WaitForAsync("chat.postMessage");
        Assert.All(posted, p => Assert.Equal("xoxb-installed-e2e", p.Token));
    }

    [Fact]
    public async Task Slack_send_from_the_peer_tools_is_accepted_and_forged_or_stale_requests_are_refused()
    {
        await using var harness = await SlackBotHarness.StartAsync();
        var url = new Uri(harness.Bot.BaseAddress, "slack/events").ToString();
        var body = Path.Combine(Directory.CreateTempSubdirectory("notesguard-slack-send-").FullName, "challenge.json");
        await File.WriteAllTextAsync(body, "{\"type\":\"url_verification\",\"challenge\":\"peer-challenge\"}");
        var stale = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var future = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 600).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var ok = await SlackSend(url, SlackBotHarness.SigningSecret, body);
        var forged = await SlackSend(url, "not-the-secret", body);
        var old = await SlackSend("--ts", stale, url, SlackBotHarness.SigningSecret, body);
        var ahead = await SlackSend("--ts", future, url, SlackBotHarness.SigningSecret, body);

        Assert.True(ok.ExitCode == 0, ok.Output);
        Assert.Contains("peer-challenge", ok.Output, StringComparison.Ordinal);
        Assert.True(forged.ExitCode == 1 && forged.Output.Contains("401", StringComparison.Ordinal), forged.Output);
        Assert.True(old.ExitCode == 1 && old.Output.Contains("401", StringComparison.Ordinal), old.Output);
        Assert.True(ahead.ExitCode == 1 && ahead.Output.Contains("401", StringComparison.Ordinal), ahead.Output);
    }

    private static async Task<(int ExitCode, string Output)> SlackSend(params string[] arguments)
    {
        var psi = new ProcessStartInfo(Path.Combine(TestTools.Location, "slack-send")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await stdout + await stderr);
    }
}
