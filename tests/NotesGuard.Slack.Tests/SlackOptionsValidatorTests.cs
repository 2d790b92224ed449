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
    public void A_bad_setting_is_reported_with_its_key(string property, string value, string key)
    {
        var options = new SlackOptions { SigningSecret = "s", BotToken = "xoxb-1" };
        var prop = typeof(SlackOptions).GetProperty(property)!;
        prop.SetValue(options, prop.PropertyType == typeof(int) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : value);

        Assert.Contains(Failures(options), f => f.Contains(key, StringComparison.Ordinal));
    }
}
