using System.Net;
using NotesGuard.Teams.Tests.Infrastructure;

namespace NotesGuard.Teams.Tests;

/// <summary>
/// Conversation and activity ids identify who talked to the bot and when; connector URLs carry both. A whole
/// turn — token check, outbound token, typing, reply — logs neither, at any level.
/// </summary>
public sealed class LoggingTests(AuthenticatedHostFixture fixture) : IClassFixture<AuthenticatedHostFixture>
{
    [Fact]
    public async Task A_turn_logs_no_conversation_id_and_no_activity_id()
    {
        var logs = new CapturedLogs();
        await using var host = await TeamsTestHost.StartAsync(fixture.Identity, fixture.Tokens, logs: logs);
        var conversationMarker = Guid.NewGuid().ToString("N");
        var activityMarker = Guid.NewGuid().ToString("N");
        var conversation = $"a:conv-{conversationMarker}";
        var activity = Activities.Message(fixture.Connector.ServiceUrl, "hello", conversationId: conversation, id: $"act-{activityMarker}");

        using var response = await host.PostAsync(activity, FakeOpenIdServer.Mint(fixture.TeamsKey, TeamsTestHost.AppId, fixture.Connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(fixture.Connector.Messages, c => c.RawPath.Contains(conversationMarker, StringComparison.Ordinal));
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(conversationMarker, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(activityMarker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_token_header_written_by_the_sender_is_not_copied_into_the_log()
    {
        var logs = new CapturedLogs();
        await using var host = await TeamsTestHost.StartAsync(fixture.Identity, fixture.Tokens, logs: logs);
        var marker = Guid.NewGuid().ToString("N");
        var activity = Activities.Message(fixture.Connector.ServiceUrl, "hello");

        // Anyone can send a token whose unchecked header names an algorithm of their choosing: a forged log line,
        // or a quarter of a megabyte of it.
        var header = Base64Url($$"""{"alg":"RS256\nInformation: forged {{marker}} {{new string('x', 4000)}}","kid":"teams-key-1","typ":"JWT"}""");
        var payload = Base64Url("""{"iss":"https://api.botframework.com"}""");
        using var response = await host.PostAsync(activity, $"{header}.{payload}.c2ln");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(logs.Lines, l => l.Contains("Rejected an activity", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.All(logs.Lines, l => Assert.True(l.Length < 1000, $"a log line of {l.Length} characters"));
    }

    [Fact]
    public void A_validated_token_printed_names_its_key_but_not_the_token()
    {
        var raw = FakeOpenIdServer.Mint(fixture.TeamsKey, TeamsTestHost.AppId, fixture.Connector.ServiceUrl);
        var validated = new NotesGuard.Teams.Authentication.ValidatedBotToken(
            true, new Microsoft.IdentityModel.Tokens.JsonWebKey { Kid = "teams-key-1" }, new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(raw));

        var printed = validated.ToString();

        Assert.Contains("teams-key-1", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(raw.Split('.')[1], printed, StringComparison.Ordinal);
    }

    private static string Base64Url(string json) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
