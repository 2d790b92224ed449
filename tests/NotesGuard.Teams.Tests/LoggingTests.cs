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
}
