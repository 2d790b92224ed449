namespace NotesGuard.Bot.Tests.Infrastructure;

/// <summary>
/// Settings for starting the app as Production in tests that are not about Teams or Slack: the Teams channel
/// refuses to run there without an App ID (it would accept unauthenticated activities), so it is switched off.
/// </summary>
internal static class ProductionSettings
{
    public static Dictionary<string, string?> With(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Teams:Enabled"] = "false" };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}
