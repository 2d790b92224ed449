using Microsoft.Extensions.Options;
using NotesGuard.Bot.Tests.Infrastructure;

namespace NotesGuard.Bot.Tests.Slack;

public sealed class SlackStartupTests
{
    [Fact]
    public async Task A_signing_secret_without_a_token_or_oauth_client_stops_the_app_naming_the_keys()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningBot.StartAsync(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "secret",
        }));

        Assert.Contains("Slack:BotToken", error.Message, StringComparison.Ordinal);
        Assert.Contains("Slack:ClientId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_slack_settings_the_app_starts_and_the_slack_endpoints_say_slack_is_off()
    {
        await using var bot = await RunningBot.StartAsync();

        using var content = new StringContent("{}");
        var response = await bot.Client.PostAsync("/slack/events", content);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Slack:SigningSecret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
