using System.Net;
using NotesGuard.Teams.Tests.Infrastructure;

namespace NotesGuard.Teams.Tests;

/// <summary>
/// Entra-issued tokens. A valid Entra signature only proves that some app asked Entra for a token for the
/// bot's App ID — any app in the tenant can. So they are refused unless a flow is switched on, and then only
/// when the app that asked (appid on v1 tokens, azp on v2) is the bot itself (the emulator,
/// Teams:AcceptEmulatorTokens) or a configured caller (Teams:AllowedCallers). Even then the reply address must
/// be on the allow-list.
/// </summary>
public sealed class EntraTokenTests(AuthenticatedHostFixture fixture) : IClassFixture<AuthenticatedHostFixture>
{
    private const string AppId = TeamsTestHost.AppId;
    private const string Tenant = "3f2b8c1d-0000-4000-8000-00000000abcd";
    private const string OtherAppInTheTenant = "0b6c5a3e-1111-4222-8333-444455556666";
    private const string AllowedCaller = "9d8e7f6a-aaaa-4bbb-8ccc-ddddeeeeffff";
    private const string EmulatorTenant = "d6d49420-f39b-4df7-a1dc-d59a935871db";

    public static TheoryData<string, string, string, HttpStatusCode> AuthorisedParties => new()
    {
        // flow switched on, the app that asked for the token, token version → answer
        { "none", AppId, "2.0", HttpStatusCode.Unauthorized },
        { "none", AppId, "1.0", HttpStatusCode.Unauthorized },
        { "emulator", AppId, "2.0", HttpStatusCode.OK },
        { "emulator", AppId, "1.0", HttpStatusCode.OK },
        { "emulator", OtherAppInTheTenant, "2.0", HttpStatusCode.Unauthorized },
        { "emulator", OtherAppInTheTenant, "1.0", HttpStatusCode.Unauthorized },
        { "callers", AllowedCaller, "2.0", HttpStatusCode.OK },
        { "callers", AllowedCaller, "1.0", HttpStatusCode.OK },
        { "callers", OtherAppInTheTenant, "2.0", HttpStatusCode.Unauthorized },
        { "callers", AppId, "2.0", HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(AuthorisedParties))]
    public async Task Only_the_app_that_asked_for_the_token_decides(string flow, string party, string version, HttpStatusCode expected)
    {
        var key = fixture.Identity.Publish($"entra-{Guid.NewGuid():N}"); // Entra keys carry no endorsements
        await using var host = await StartAsync(flow);
        var issuer = version == "1.0" ? $"https://sts.windows.net/{Tenant}/" : $"https://login.microsoftonline.com/{Tenant}/v2.0";
        var conversation = $"a:conv-{Guid.NewGuid():N}";

        using var response = await host.PostAsync(
            Activities.Message(fixture.Connector.ServiceUrl, "hello", conversationId: conversation),
            FakeOpenIdServer.MintEntra(key, AppId, issuer, party, version));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK, host.Engine.Turns.Any(t => t.ConversationId == conversation));
    }

    public static TheoryData<string> MalformedEntraTokens =>
    [
        "no ver claim",
        "unknown ver",
        "v2 token with its party in appid",
        "v1 token with its party in azp",
        "another tenant",
    ];

    [Theory]
    [MemberData(nameof(MalformedEntraTokens))]
    public async Task An_Entra_token_that_does_not_say_who_asked_in_the_documented_way_is_401(string flaw)
    {
        var key = fixture.Identity.Publish($"entra-{Guid.NewGuid():N}");
        await using var host = await StartAsync("emulator");
        var v2Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0";
        var url = fixture.Connector.ServiceUrl;
        var token = flaw switch
        {
            "no ver claim" => FakeOpenIdServer.Mint(key, AppId, url, v2Issuer, includeServiceUrl: false, claims: Claims(("azp", AppId))),
            "unknown ver" => FakeOpenIdServer.Mint(key, AppId, url, v2Issuer, includeServiceUrl: false, claims: Claims(("ver", "3.0"), ("azp", AppId))),
            "v2 token with its party in appid" => FakeOpenIdServer.Mint(key, AppId, url, v2Issuer, includeServiceUrl: false, claims: Claims(("ver", "2.0"), ("appid", AppId))),
            "v1 token with its party in azp" => FakeOpenIdServer.Mint(key, AppId, url, $"https://sts.windows.net/{Tenant}/", includeServiceUrl: false, claims: Claims(("ver", "1.0"), ("azp", AppId))),
            "another tenant" => FakeOpenIdServer.MintEntra(key, AppId, "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0", AppId),
            _ => throw new ArgumentOutOfRangeException(nameof(flaw)),
        };
        var conversation = $"a:conv-{Guid.NewGuid():N}";

        using var response = await host.PostAsync(Activities.Message(url, "hello", conversationId: conversation), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(host.Engine.Turns, t => t.ConversationId == conversation);
    }

    [Fact]
    public async Task The_Bot_Framework_emulator_tenant_is_trusted_for_emulator_tokens_of_the_bot_itself()
    {
        var key = fixture.Identity.Publish($"entra-{Guid.NewGuid():N}");
        await using var host = await StartAsync("emulator", singleTenant: false);

        using var bot = await host.PostAsync(
            Activities.Message(fixture.Connector.ServiceUrl, "hello", conversationId: $"a:{Guid.NewGuid():N}"),
            FakeOpenIdServer.MintEntra(key, AppId, $"https://login.microsoftonline.com/{EmulatorTenant}/v2.0", AppId));
        using var forged = await host.PostAsync(
            Activities.Message(fixture.Connector.ServiceUrl, "hello", conversationId: $"a:{Guid.NewGuid():N}"),
            FakeOpenIdServer.MintEntra(key, AppId, $"https://login.microsoftonline.com/{EmulatorTenant}/v2.0", OtherAppInTheTenant));

        Assert.Equal(HttpStatusCode.OK, bot.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task An_accepted_Entra_token_does_not_make_a_service_url_off_the_allow_list_trusted()
    {
        var key = fixture.Identity.Publish($"entra-{Guid.NewGuid():N}");
        await using var host = await StartAsync("callers");
        var conversation = $"a:conv-{Guid.NewGuid():N}";

        using var response = await host.PostAsync(
            Activities.Message("https://collector.attacker.example/", "hello", conversationId: conversation),
            FakeOpenIdServer.MintEntra(key, AppId, $"https://login.microsoftonline.com/{Tenant}/v2.0", AllowedCaller));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(host.Engine.Turns, t => t.ConversationId == conversation);
    }

    [Fact]
    public async Task Only_a_Bot_Framework_token_vouches_for_the_senders_Entra_object_id_the_one_admin_rights_go_by()
    {
        // An allowed caller writes the whole activity itself, so its from.aadObjectId is whatever it chose, say a
        // practice admin's object id (anyone in the tenant can look one up). Only a Bot Framework channel token
        // means Teams wrote the activity.
        const string AdminObjectId = "7c1d2e3f-0000-4000-8000-0000000000ad";
        await using var host = await StartAsync("callers");
        var entraKey = fixture.Identity.Publish($"entra-{Guid.NewGuid():N}");
        var channelKey = fixture.Identity.Publish($"channel-{Guid.NewGuid():N}", "msteams");
        var url = fixture.Connector.ServiceUrl;
        var fromCaller = Activities.Message(url, "hello", conversationId: $"a:conv-{Guid.NewGuid():N}");
        var fromTeams = Activities.Message(url, "hello", conversationId: $"a:conv-{Guid.NewGuid():N}");
        fromCaller["from"]!["aadObjectId"] = AdminObjectId;
        fromTeams["from"]!["aadObjectId"] = AdminObjectId;
        fromTeams["channelData"]!["tenant"]!["id"] = Tenant; // Teams' own activities must come from the tenant served
        fromTeams["conversation"]!["tenantId"] = Tenant;

        using var caller = await host.PostAsync(fromCaller, FakeOpenIdServer.MintEntra(entraKey, AppId, $"https://login.microsoftonline.com/{Tenant}/v2.0", AllowedCaller));
        using var teams = await host.PostAsync(fromTeams, FakeOpenIdServer.Mint(channelKey, AppId, url));

        Assert.Equal(HttpStatusCode.OK, caller.StatusCode);
        Assert.Equal(HttpStatusCode.OK, teams.StatusCode);
        var callerTurn = Assert.Single(host.Engine.Turns, t => t.ConversationId == fromCaller["conversation"]!["id"]!.GetValue<string>());
        var teamsTurn = Assert.Single(host.Engine.Turns, t => t.ConversationId == fromTeams["conversation"]!["id"]!.GetValue<string>());
        Assert.Null(callerTurn.PrincipalId);
        Assert.Equal($"msteams:{AdminObjectId}", teamsTurn.PrincipalId);
    }

    private Task<TeamsTestHost> StartAsync(string flow, bool singleTenant = true)
    {
        var settings = new Dictionary<string, string?>();
        if (singleTenant)
        {
            settings["Teams:AppType"] = "SingleTenant";
            settings["Teams:TenantId"] = Tenant;
        }

        if (flow == "emulator")
        {
            settings["Teams:AcceptEmulatorTokens"] = "true";
        }
        else if (flow == "callers")
        {
            settings["Teams:AllowedCallers:0"] = AllowedCaller;
        }

        return TeamsTestHost.StartAsync(fixture.Identity, fixture.Tokens, settings);
    }

    private static Dictionary<string, object> Claims(params (string Type, string Value)[] claims) =>
        claims.ToDictionary(c => c.Type, c => (object)c.Value);
}
