using System.Net;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using NotesGuard.Teams.Tests.Infrastructure;

namespace NotesGuard.Teams.Tests;

/// <summary>Everything the Bot Framework, a single-tenant bot and the app's own keys run on.</summary>
public sealed class AuthenticatedHostFixture : IAsyncLifetime
{
    public FakeOpenIdServer Identity { get; private set; } = null!;

    public FakeConnector Connector { get; private set; } = null!;

    public FakeTokenEndpoint Tokens { get; private set; } = null!;

    public TeamsTestHost Host { get; private set; } = null!;

    public TestSigningKey TeamsKey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Identity = await FakeOpenIdServer.StartAsync();
        TeamsKey = Identity.Publish("teams-key-1", "msteams", "webchat");
        Connector = await FakeConnector.StartAsync();
        Tokens = await FakeTokenEndpoint.StartAsync();
        Host = await TeamsTestHost.StartAsync(Identity, Tokens);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Tokens.DisposeAsync();
        await Connector.DisposeAsync();
        await Identity.DisposeAsync();
    }
}

/// <summary>
/// The inbound auth matrix: only a token signed with a published key, endorsing msteams (this endpoint's channel),
/// issued by the Bot Framework for this App ID, in date, and bound to the activity's serviceUrl gets a turn
/// processed. Every other request is answered 401 and the engine never sees it, nor does the connector.
/// </summary>
public sealed class AuthenticationTests(AuthenticatedHostFixture fixture) : IClassFixture<AuthenticatedHostFixture>
{
    private const string AppId = TeamsTestHost.AppId;

    public static TheoryData<string> RejectedTokens =>
    [
        "expired",
        "not yet valid",
        "wrong issuer",
        "wrong audience",
        "bad signature",
        "unknown kid",
        "alg none",
        "HS256 with the public key as secret",
        "missing endorsement",
        "key with no endorsements",
        "serviceUrl mismatch",
        "no serviceurl claim",
    ];

    [Fact]
    public async Task A_valid_token_gets_the_turn_processed_and_answered()
    {
        var (response, conversation) = await PostWithAsync(ServiceUrl => Mint(ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(fixture.Host.Engine.Turns, t => t.ConversationId == conversation);
        Assert.Contains(fixture.Connector.Calls, c => c.RawPath.Contains(Uri.EscapeDataString(conversation), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    public async Task RS384_and_RS512_are_accepted_too(string algorithm)
    {
        var (response, conversation) = await PostWithAsync(url => FakeOpenIdServer.Mint(fixture.TeamsKey, AppId, url, algorithm: algorithm));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(fixture.Host.Engine.Turns, t => t.ConversationId == conversation);
    }

    [Fact]
    public async Task A_token_that_expired_within_the_five_minute_clock_skew_is_still_accepted()
    {
        var now = DateTime.UtcNow;
        var (response, _) = await PostWithAsync(url => FakeOpenIdServer.Mint(
            fixture.TeamsKey, AppId, url, notBefore: now.AddHours(-1), expires: now.AddMinutes(-2)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_serviceurl_claim_is_compared_without_regard_to_case()
    {
        var (response, _) = await PostWithAsync(url => FakeOpenIdServer.Mint(fixture.TeamsKey, AppId, url.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(RejectedTokens))]
    public async Task A_bad_token_is_401_and_no_turn_is_processed(string flaw)
    {
        var now = DateTime.UtcNow;
        var jwksBefore = fixture.Identity.JwksRequests;
        var (response, conversation) = await PostWithAsync(url => flaw switch
        {
            "expired" => FakeOpenIdServer.Mint(fixture.TeamsKey, AppId, url, notBefore: now.AddHours(-2), expires: now.AddMinutes(-10)),
            "not yet valid" => FakeOpenIdServer.Mint(fixture.TeamsKey, AppId, url, notBefore: now.AddMinutes(10), expires: now.AddHours(1)),
            "wrong issuer" => FakeOpenIdServer.Mint(fixture.TeamsKey, AppId, url, issuer: "https://issuer.invalid"),
            "wrong audience" => FakeOpenIdServer.Mint(fixture.TeamsKey, "00000000-0000-0000-0000-000000000001", url),
            "bad signature" => FakeOpenIdServer.Mint(FakeOpenIdServer.NewKey(fixture.TeamsKey.Kid, "msteams"), AppId, url),
            "unknown kid" => FakeOpenIdServer.Mint(FakeOpenIdServer.NewKey("never-published", "msteams"), AppId, url),
            "alg none" => FakeOpenIdServer.MintUnsigned(fixture.TeamsKey.Kid, AppId, url),
            "HS256 with the public key as secret" => MintHs256WithPublicKey(url),
            "missing endorsement" => FakeOpenIdServer.Mint(fixture.Identity.Publish($"skype-only-{Guid.NewGuid():N}", "skype"), AppId, url),
            "serviceUrl mismatch" => FakeOpenIdServer.Mint(fixture.TeamsKey, AppId, "https://smba.attacker.invalid/teams/"),
            "key with no endorsements" => FakeOpenIdServer.Mint(fixture.Identity.Publish($"bare-{Guid.NewGuid():N}"), AppId, url),
            "no serviceurl claim" => FakeOpenIdServer.Mint(fixture.TeamsKey, AppId, url, includeServiceUrl: false),
            _ => throw new ArgumentOutOfRangeException(nameof(flaw)),
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertNothingProcessed(conversation);
        if (flaw == "unknown kid")
        {
            // The keys were fetched again before the token was judged (rotation), and it still failed.
            Assert.True(fixture.Identity.JwksRequests > jwksBefore, "an unknown kid should refresh the signing keys");
        }
    }

    [Fact]
    public async Task A_key_rotated_in_after_the_keys_were_cached_is_accepted_after_a_refresh()
    {
        await PostWithAsync(url => Mint(url)); // the keys are now cached
        var rotated = fixture.Identity.Publish($"rotated-{Guid.NewGuid():N}", "msteams");
        var jwksBefore = fixture.Identity.JwksRequests;

        var (response, conversation) = await PostWithAsync(url => FakeOpenIdServer.Mint(rotated, AppId, url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(fixture.Identity.JwksRequests > jwksBefore);
        Assert.Contains(fixture.Host.Engine.Turns, t => t.ConversationId == conversation);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b.c")]
    public async Task A_missing_or_malformed_Authorization_header_is_401(string? header)
    {
        var conversation = $"a:conv-{Guid.NewGuid():N}";
        var activity = Activities.Message(fixture.Connector.ServiceUrl, "hello", conversationId: conversation);

        using var response = await fixture.Host.PostRawAsync(activity.ToJsonString(), authorization: header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertNothingProcessed(conversation);
    }

    [Fact]
    public async Task Malformed_JSON_is_401_without_a_token_and_400_with_one()
    {
        using var anonymous = await fixture.Host.PostRawAsync("{not json");
        using var authenticated = await fixture.Host.PostRawAsync("{not json", bearer: Mint(fixture.Connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, authenticated.StatusCode);
    }

    [Fact]
    public async Task A_channel_token_whose_key_endorses_only_the_channel_the_body_names_is_401()
    {
        // The endpoint is Teams: a key endorsing "slack" cannot vouch for a body that says it is Slack.
        var slackOnly = fixture.Identity.Publish($"slack-only-{Guid.NewGuid():N}", "slack");
        var conversation = $"a:conv-{Guid.NewGuid():N}";
        var activity = Activities.Message(fixture.Connector.ServiceUrl, "hello", conversationId: conversation);
        activity["channelId"] = "slack";

        using var response = await fixture.Host.PostAsync(activity, FakeOpenIdServer.Mint(slackOnly, AppId, fixture.Connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertNothingProcessed(conversation);
    }

    [Fact]
    public async Task A_channel_token_for_a_body_claiming_another_channel_runs_the_turn_as_msteams()
    {
        var conversation = $"a:conv-{Guid.NewGuid():N}";
        var activity = Activities.Message(fixture.Connector.ServiceUrl, "hello", conversationId: conversation);
        activity["channelId"] = "slack";

        using var response = await fixture.Host.PostAsync(activity, Mint(fixture.Connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("msteams", Assert.Single(fixture.Host.Engine.Turns, t => t.ConversationId == conversation).ChannelId);
    }

    [Fact]
    public async Task Forged_key_ids_cannot_make_the_bot_fetch_the_keys_again_and_again()
    {
        await using var host = await TeamsTestHost.StartAsync(fixture.Identity, fixture.Tokens, new Dictionary<string, string?>
        {
            ["Teams:KeyRefreshMinimumInterval"] = "01:00:00",
        });
        var url = fixture.Connector.ServiceUrl;
        using var first = await host.PostAsync(Activities.Message(url, "hello"), Mint(url)); // loads the keys
        var fetchesBefore = fixture.Identity.JwksRequests;

        for (var i = 0; i < 5; i++)
        {
            using var forged = await host.PostAsync(
                Activities.Message(url, "hello"), FakeOpenIdServer.Mint(FakeOpenIdServer.NewKey($"forged-{i}", "msteams"), AppId, url));
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        Assert.Equal(fetchesBefore + 1, fixture.Identity.JwksRequests);
    }

    public static TheoryData<string, string?, HttpStatusCode> Tenants => new()
    {
        // how the tenants are configured, the activity's tenant → answer
        { "single tenant", Home, HttpStatusCode.OK },
        { "single tenant", Home.ToUpperInvariant(), HttpStatusCode.OK },
        { "single tenant", Stranger, HttpStatusCode.Forbidden },
        { "single tenant", null, HttpStatusCode.Forbidden },
        { "multi-tenant with a list", Home, HttpStatusCode.OK },
        { "multi-tenant with a list", Stranger, HttpStatusCode.Forbidden },
        { "multi-tenant, no list", Stranger, HttpStatusCode.OK },
        { "multi-tenant with a list in braces", Home, HttpStatusCode.OK },
        { "multi-tenant with a list in braces", Stranger, HttpStatusCode.Forbidden },
    };

    private const string Home = "5e1f2a3b-0000-4000-8000-00000000beef";
    private const string Stranger = "0d9c8b7a-1111-4222-8333-999999999999";

    [Theory]
    [MemberData(nameof(Tenants))]
    public async Task Only_activities_from_the_tenants_the_bot_serves_are_answered_so_no_other_organisation_joins_the_practice_list(
        string configured, string? tenant, HttpStatusCode expected)
    {
        // Anyone can make a Teams app package with this bot's App ID and install it in their own organisation; a
        // valid Bot Framework token says nothing of which organisation the activity comes from.
        var settings = configured switch
        {
            "single tenant" => new Dictionary<string, string?> { ["Teams:AppType"] = "SingleTenant", ["Teams:TenantId"] = Home },
            "multi-tenant with a list" => new Dictionary<string, string?> { ["Teams:AllowedTenantIds:0"] = Home },
            "multi-tenant with a list in braces" => new Dictionary<string, string?> { ["Teams:AllowedTenantIds:0"] = "{" + Home.ToUpperInvariant() + "}" },
            _ => new Dictionary<string, string?>(),
        };
        await using var host = await TeamsTestHost.StartAsync(fixture.Identity, fixture.Tokens, settings);
        var url = fixture.Connector.ServiceUrl;
        var conversation = $"19:group-{Guid.NewGuid():N}@thread.v2";
        var activity = Activities.Mentioning(url, "hello", "groupChat", conversation);
        activity["conversation"]!.AsObject().Remove("tenantId");
        activity["channelData"] = tenant is null ? new JsonObject() : new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } };

        using var response = await host.PostAsync(activity, Mint(url));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK, host.Engine.Turns.Any(t => t.ConversationId == conversation));
    }

    private string Mint(string serviceUrl) => FakeOpenIdServer.Mint(fixture.TeamsKey, AppId, serviceUrl);

    private string MintHs256WithPublicKey(string serviceUrl)
    {
        var publicKey = fixture.TeamsKey.Rsa.ExportSubjectPublicKeyInfo();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = FakeOpenIdServer.BotFrameworkIssuer,
            Audience = AppId,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(publicKey) { KeyId = fixture.TeamsKey.Kid }, SecurityAlgorithms.HmacSha256),
        };
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(descriptor);
    }

    private async Task<(HttpResponseMessage Response, string Conversation)> PostWithAsync(Func<string, string> token)
    {
        var conversation = $"a:conv-{Guid.NewGuid():N}";
        var activity = Activities.Message(fixture.Connector.ServiceUrl, "hello", conversationId: conversation);
        var response = await fixture.Host.PostAsync(activity, token(fixture.Connector.ServiceUrl));
        return (response, conversation);
    }

    private void AssertNothingProcessed(string conversation)
    {
        Assert.DoesNotContain(fixture.Host.Engine.Turns, t => t.ConversationId == conversation);
        Assert.DoesNotContain(fixture.Connector.Calls, c => c.RawPath.Contains(Uri.EscapeDataString(conversation), StringComparison.Ordinal));
    }
}
