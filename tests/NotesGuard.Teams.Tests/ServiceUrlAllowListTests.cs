using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Replies;
using NotesGuard.Teams.Connector;
using NotesGuard.Teams.References;
using NotesGuard.Teams.Schema;
using NotesGuard.Teams.Tests.Infrastructure;

namespace NotesGuard.Teams.Tests;

/// <summary>
/// Replies, and the bot's Connector token with them, only go to https service URLs on the allow-list
/// (Teams:AllowedServiceUrls, by default Teams' and the Bot Framework's hosts). An activity naming another
/// serviceUrl is 401 before any turn runs, even with a valid token, and a stored reference pointing elsewhere
/// is never posted to.
/// </summary>
public sealed class ServiceUrlAllowListTests(AuthenticatedHostFixture fixture) : IClassFixture<AuthenticatedHostFixture>
{
    public static TheoryData<string, string, bool> DefaultList => new()
    {
        { "Production", "https://smba.trafficmanager.net/teams/", true },
        { "Production", "https://smba.trafficmanager.net/amer/3f2b8c1d-0000-4000-8000-00000000abcd/", true },
        { "Production", "https://SMBA.trafficmanager.net/emea/", true },
        { "Production", "https://smba.infra.gcc.teams.microsoft.com/teams", true },
        { "Production", "https://europe.webchat.botframework.com/", true },
        { "Production", "http://smba.trafficmanager.net/teams/", false },
        { "Production", "https://smba.trafficmanager.net:8443/teams/", false },
        { "Production", "https://attacker.trafficmanager.net/teams/", false },
        { "Production", "https://smba.trafficmanager.net.attacker.example/teams/", false },
        { "Production", "https://botframework.com.attacker.example/", false },
        { "Production", "https://attackerbotframework.com/", false },
        { "Production", "https://botframework.com/", false },
        { "Production", "https://user@smba.trafficmanager.net/teams/", false },
        { "Production", "http://localhost:56150/_connector", false },
        { "Production", "https://127.0.0.1/", false },
        { "Production", "/v3/conversations", false },
        { "Production", "not a url", false },
        { "Development", "http://localhost:56150/_connector", true },
        { "Development", "http://127.0.0.1:5000/connector", true },
        { "Development", "http://[::1]:5000/connector", true },
        { "Development", "http://smba.attacker.example/", false },
        { "Development", "https://smba.trafficmanager.net/teams/", true },
    };

    [Theory]
    [MemberData(nameof(DefaultList))]
    public void The_default_list_allows_Teams_and_the_Bot_Framework_only(string environment, string serviceUrl, bool allowed)
    {
        var list = new ServiceUrlAllowList(Options.Create(new TeamsOptions()), new HostingEnvironment { EnvironmentName = environment });

        Assert.Equal(allowed, list.IsAllowed(serviceUrl));
    }

    [Theory]
    [InlineData("https://smba.infra.gov.teams.microsoft.us/teams", true)]
    [InlineData("https://smba.infra.dod.teams.microsoft.us/teams", true)]
    [InlineData("https://token.botframework.azure.us/", true)]
    [InlineData("https://smba.trafficmanager.net/teams/", false)]
    public void A_configured_list_replaces_the_defaults_for_sovereign_clouds(string serviceUrl, bool allowed)
    {
        var options = new TeamsOptions
        {
            AllowedServiceUrls = ["https://smba.infra.gov.teams.microsoft.us", "https://smba.infra.dod.teams.microsoft.us/", "https://*.botframework.azure.us"],
        };
        var list = new ServiceUrlAllowList(Options.Create(options), new HostingEnvironment { EnvironmentName = "Production" });

        Assert.Equal(allowed, list.IsAllowed(serviceUrl));
    }

    [Fact]
    public async Task A_government_cloud_deployment_takes_channel_tokens_from_its_own_issuer_only()
    {
        const string govIssuer = "https://api.botframework.us";
        await using var host = await TeamsTestHost.StartAsync(fixture.Identity, fixture.Tokens, new Dictionary<string, string?>
        {
            ["Teams:ChannelTokenIssuer"] = govIssuer,
        });
        var url = fixture.Connector.ServiceUrl;

        using var gov = await host.PostAsync(
            Activities.Message(url, "hello", conversationId: $"a:{Guid.NewGuid():N}"),
            FakeOpenIdServer.Mint(fixture.TeamsKey, TeamsTestHost.AppId, url, issuer: govIssuer));
        using var publicCloud = await host.PostAsync(
            Activities.Message(url, "hello", conversationId: $"a:{Guid.NewGuid():N}"),
            FakeOpenIdServer.Mint(fixture.TeamsKey, TeamsTestHost.AppId, url));

        Assert.Equal(HttpStatusCode.OK, gov.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, publicCloud.StatusCode);
    }

    [Fact]
    public async Task A_valid_token_for_a_service_url_off_the_list_is_401_and_nothing_is_sent_there()
    {
        // Outside Development loopback is off the list, so the fake connector stands for a stranger's server.
        await using var host = await TeamsTestHost.StartAsync(fixture.Identity, fixture.Tokens, environment: "Production");
        var conversation = $"a:conv-{Guid.NewGuid():N}";
        var tokenRequests = fixture.Tokens.TokenRequests;

        using var response = await host.PostAsync(
            Activities.Message(fixture.Connector.ServiceUrl, "hello", conversationId: conversation),
            FakeOpenIdServer.Mint(fixture.TeamsKey, TeamsTestHost.AppId, fixture.Connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Engine.Turns);
        Assert.DoesNotContain(fixture.Connector.Calls, c => c.RawPath.Contains(Uri.EscapeDataString(conversation), StringComparison.Ordinal));
        Assert.Equal(tokenRequests, fixture.Tokens.TokenRequests);
    }

    [Fact]
    public async Task A_stored_reference_off_the_list_gets_no_proactive_post_and_no_token()
    {
        await using var host = await TeamsTestHost.StartAsync(fixture.Identity, fixture.Tokens, environment: "Production");
        var conversation = $"a:conv-{Guid.NewGuid():N}";
        var references = host.Services.GetRequiredService<ConversationReferenceStore>();
        await references.SaveAsync(Activity(fixture.Connector.ServiceUrl, conversation), default);
        var tokenRequests = fixture.Tokens.TokenRequests;
        var messenger = host.Services.GetRequiredService<TeamsProactiveMessenger>();

        await Assert.ThrowsAsync<ConnectorException>(() => messenger.SendAsync(conversation, new TextReply("Practice notice"), default));

        Assert.DoesNotContain(fixture.Connector.Calls, c => c.RawPath.Contains(Uri.EscapeDataString(conversation), StringComparison.Ordinal));
        Assert.Equal(tokenRequests, fixture.Tokens.TokenRequests);
    }

    [Fact]
    public async Task The_connector_client_refuses_a_service_url_off_the_list_before_fetching_a_token()
    {
        var tokenRequests = fixture.Tokens.TokenRequests;
        var client = fixture.Host.Services.GetRequiredService<BotConnectorClient>();

        var refused = await Assert.ThrowsAsync<ConnectorException>(() =>
            client.SendAsync("https://collector.attacker.example/", "a:conv", new Activity { Type = "message", Text = "hi" }, default));

        Assert.Contains("AllowedServiceUrls", refused.Message, StringComparison.Ordinal);
        Assert.Equal(tokenRequests, fixture.Tokens.TokenRequests);
    }

    private static Activity Activity(string serviceUrl, string conversation) => new()
    {
        Type = "message",
        ServiceUrl = serviceUrl,
        Conversation = new ConversationAccount { Id = conversation, ConversationType = "personal" },
        From = new ChannelAccount { Id = Activities.UserId },
        Recipient = new ChannelAccount { Id = Activities.BotId },
    };
}
