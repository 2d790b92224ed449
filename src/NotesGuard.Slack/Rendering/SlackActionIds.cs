namespace NotesGuard.Slack.Rendering;

/// <summary>
/// The action_id prefixes NotesGuard puts on its buttons, so a click can be routed without trusting the value:
/// "ng-button" carries the engine's opaque value, "ng-why" a question's why text, "ng-home-new" starts a case.
/// A numeric suffix keeps ids unique within one message or view.
/// </summary>
public static class SlackActionIds
{
    public const string EngineButton = "ng-button";
    public const string Why = "ng-why";
    public const string HomeNewCase = "ng-home-new";

    /// <summary>A button that opens a link (a document download); Slack still reports the click, which is ignored.</summary>
    public const string Link = "ng-link";
    public const string ReviewCallback = "ng-review";

    public static string Numbered(string prefix, int number) => $"{prefix}:{number}";

    /// <summary>The prefix of an action_id ("ng-button:3" → "ng-button").</summary>
    public static string KindOf(string? actionId)
    {
        if (string.IsNullOrEmpty(actionId))
        {
            return "";
        }

        var colon = actionId.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? actionId : actionId[..colon];
    }
}
