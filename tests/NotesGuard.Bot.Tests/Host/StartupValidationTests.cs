using NotesGuard.Bot.Tests.Infrastructure;

namespace NotesGuard.Bot.Tests.Host;

/// <summary>A bad setting stops the app at start-up with a message naming the key.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Storage:TimeToLive", "00:00:10")]
    [InlineData("Storage:TimeToLive", "banana")]
    [InlineData("Storage:Provider", "Mongo")]
    [InlineData("Storage:PurgeInterval", "00:00:00")]
    [InlineData("Storage:DuplicateWindow", "90.00:00:00")]
    [InlineData("WebChat:MaxRequestBytes", "5")]
    [InlineData("WebChat:Enabled", "maybe")]
    [InlineData("AdviceApi:MaxRequestBytes", "-1")]
    [InlineData("Practice:InsurerHelplines:0:Phone", "call me")]
    [InlineData("Shutdown:GracePeriod", "00:20:00")]
    [InlineData("Shutdown:GracePeriod", "-00:00:01")]
    public async Task A_bad_setting_stops_the_app_naming_the_key(string key, string value)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Practice:InsurerHelplines:0", StringComparison.Ordinal))
        {
            settings["Practice:InsurerHelplines:0:Name"] = "Example Insurer";
        }

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var bot = await RunningBot.StartAsync(settings);
        });

        Assert.Contains(key, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Good_settings_start_the_app()
    {
        await using var bot = await RunningBot.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:TimeToLive"] = "02:00:00",
            ["Practice:PracticeName"] = "Riverside Counselling",
            ["Practice:InsurerHelplines:0:Name"] = "Example Insurer",
            ["Practice:InsurerHelplines:0:Phone"] = "0123 456 7890",
        });
        Assert.Equal("Healthy", await bot.Client.GetStringAsync("/healthz"));
    }
}
