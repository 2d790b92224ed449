namespace NotesGuard.Robustness.Tests;

/// <summary>
/// The generated suites send thousands of requests from one loopback address in seconds: with the default rate
/// limits most would be answered 429 before reaching the parsers they are meant to exercise. The limits have
/// their own tests (NotesGuard.Bot.Tests/Limits); here they are lifted.
/// </summary>
internal static class UnlimitedRate
{
    public static Dictionary<string, string?> With(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["RateLimits:PerIpPerMinute"] = "1000000",
            ["RateLimits:PerUserPerMinute"] = "100000",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        return all;
    }
}
