using Microsoft.Extensions.Options;
using NotesGuard.Teams.Tests.Infrastructure;

namespace NotesGuard.Teams.Tests;

/// <summary>A bad Teams setting stops the app at start-up with a message naming the key.</summary>
public sealed class StartupValidationTests
{
    public static TheoryData<string, Dictionary<string, string?>, string> BadSettings => new()
    {
        { "Production", new() { ["Teams:Enabled"] = "true" }, "Teams:AppId" },
        { "Staging", new() { ["Teams:Enabled"] = "true" }, "Teams:AppId" },
        { "Development", new() { ["Teams:AppId"] = TeamsTestHost.AppId }, "Teams:ClientSecret" },
        { "Development", new() { ["Teams:AppId"] = "not-a-guid", ["Teams:ClientSecret"] = "s" }, "Teams:AppId" },
        {
            "Production",
            new() { ["Teams:AppId"] = TeamsTestHost.AppId, ["Teams:ClientSecret"] = "s", ["Teams:AppType"] = "SingleTenant" },
            "Teams:TenantId"
        },
        {
            "Production",
            new() { ["Teams:AppId"] = TeamsTestHost.AppId, ["Teams:ClientSecret"] = "s", ["Teams:OpenIdMetadataUrl"] = "http://login.example/keys" },
            "Teams:OpenIdMetadataUrl"
        },
        {
            "Production",
            new() { ["Teams:AppId"] = TeamsTestHost.AppId, ["Teams:CertificatePath"] = "/nonexistent/bot.pfx" },
            "Teams:CertificatePath"
        },
        {
            // Activities name their tenant by id: a domain could never match, and every activity would be refused.
            "Production",
            new() { ["Teams:AppId"] = TeamsTestHost.AppId, ["Teams:ClientSecret"] = "s", ["Teams:AppType"] = "SingleTenant", ["Teams:TenantId"] = "contoso.onmicrosoft.com" },
            "Teams:AllowedTenantIds:0"
        },
        {
            "Production",
            new() { ["Teams:AppId"] = TeamsTestHost.AppId, ["Teams:ClientSecret"] = "s", ["Teams:AllowedTenantIds:0"] = "contoso.onmicrosoft.com" },
            "Teams:AllowedTenantIds:0"
        },
    };

    [Theory]
    [InlineData("SingleTenant", "5E1F2A3B-0000-4000-8000-00000000BEEF", null, "5e1f2a3b-0000-4000-8000-00000000beef")]
    [InlineData("UserAssignedManagedIdentity", "5e1f2a3b-0000-4000-8000-00000000beef", null, "5e1f2a3b-0000-4000-8000-00000000beef")]
    [InlineData("MultiTenant", "5e1f2a3b-0000-4000-8000-00000000beef", null, null)]
    [InlineData("SingleTenant", "contoso.onmicrosoft.com", "{5e1f2a3b-0000-4000-8000-00000000beef}", "5e1f2a3b-0000-4000-8000-00000000beef")]
    [InlineData("MultiTenant", null, "5E1F2A3B00004000800000000000BEEF", "5e1f2a3b-0000-4000-8000-00000000beef")]
    public void The_tenants_served_are_the_list_or_the_one_tenant_of_a_single_tenant_bot_in_one_spelling(string appType, string? tenantId, string? listed, string? served)
    {
        var options = new TeamsOptions { AppType = Enum.Parse<TeamsAppType>(appType), TenantId = tenantId };
        if (listed is not null)
        {
            options.AllowedTenantIds.Add(listed);
        }

        Assert.Equal(served is null ? [] : [served], options.EffectiveAllowedTenantIds);
    }

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task The_app_does_not_start_and_names_the_key(string environment, Dictionary<string, string?> settings, string key)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TeamsTestHost.StartAsync(settings: settings, environment: environment));

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_without_an_App_ID_and_without_asking_for_Teams_has_no_unauthenticated_endpoint()
    {
        await using var host = await TeamsTestHost.StartAsync(environment: "Production");

        using var response = await host.PostAsync(Activities.Message("https://smba.trafficmanager.net/teams/", "hello"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(host.Engine.Turns);
    }

    [Fact]
    public async Task Production_with_an_App_ID_and_secret_starts()
    {
        await using var host = await TeamsTestHost.StartAsync(
            settings: new Dictionary<string, string?> { ["Teams:AppId"] = TeamsTestHost.AppId, ["Teams:ClientSecret"] = "s" },
            environment: "Production");

        using var unauthenticated = await host.PostAsync(Activities.Message("https://smba.trafficmanager.net/teams/", "hello"));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }
}
