namespace NotesGuard.Slack.Tests;

public sealed class SlackOptionsValidatorTests
{
    private static string[] Failures(SlackOptions options) =>
        [.. new SlackOptionsValidator().Validate(null, options).Failures ?? []];

    [Fact]
    public void Slack_is_off_without_a_signing_secret_and_that_is_valid()
    {
        Assert.Empty(Failures(new SlackOptions()));
        Assert.False(new SlackOptions().IsEnabled);
    }

    [Fact]
    public void A_signing_secret_without_any_token_or_oauth_client_names_the_keys_to_set()
    {
        var failure = Assert.Single(Failures(new SlackOptions { SigningSecret = "s" }));

        Assert.Contains("Slack:BotToken", failure, StringComparison.Ordinal);
        Assert.Contains("Slack:ClientId", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ApiBaseUrl", "not a url", "Slack:ApiBaseUrl")]
    [InlineData("BotToken", "xoxp-user-token", "Slack:BotToken")]
    [InlineData("QueueCapacity", "0", "Slack:QueueCapacity")]
    [InlineData("Workers", "0", "Slack:Workers")]
    [InlineData("MaxBodyBytes", "10", "Slack:MaxBodyBytes")]
    [InlineData("ClientId", "only-the-id", "Slack:ClientSecret")]
    [InlineData("ResponseUrlBase", "http://hooks.slack.com/", "Slack:ResponseUrlBase")]
    [InlineData("OAuthRedirectUrl", "http://notesguard.example/slack/oauth/callback", "Slack:OAuthRedirectUrl")]
    [InlineData("TeamId", "practice", "Slack:TeamId")]
    [InlineData("MaxQueuedPerPerson", "0", "Slack:MaxQueuedPerPerson")]
    public void A_bad_setting_is_reported_with_its_key(string property, string value, string key)
    {
        var options = new SlackOptions { SigningSecret = "s", BotToken = "xoxb-1" };
        var prop = typeof(SlackOptions).GetProperty(property)!;
        prop.SetValue(options, prop.PropertyType == typeof(int) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : value);

        Assert.Contains(Failures(options), f => f.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public void Oauth_installs_need_a_configured_redirect_url_because_the_host_header_is_not_to_be_trusted()
    {
        var failures = Failures(new SlackOptions { SigningSecret = "s", ClientId = "1.2", ClientSecret = "c" });

        Assert.Contains(failures, f => f.Contains("Slack:OAuthRedirectUrl", StringComparison.Ordinal));
        Assert.Empty(Failures(new SlackOptions { SigningSecret = "s", ClientId = "1.2", ClientSecret = "c", OAuthRedirectUrl = "https://ng.example/slack/oauth/callback" }));
    }

    [Fact]
    public void Allowed_team_ids_must_look_like_team_ids_and_include_the_single_workspace()
    {
        var options = new SlackOptions { SigningSecret = "s", BotToken = "xoxb-1", TeamId = "T0PRACTICE", AllowedTeamIds = ["T0OTHER", "not a team"] };

        var failures = Failures(options);

        Assert.Contains(failures, f => f.Contains("'not a team'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Slack:TeamId is not in Slack:AllowedTeamIds", StringComparison.Ordinal));
    }
}
