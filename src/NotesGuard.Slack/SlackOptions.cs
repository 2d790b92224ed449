namespace NotesGuard.Slack;

/// <summary>
/// The "Slack" configuration section. Slack is off until a signing secret is set, so the bot starts
/// locally with no credentials; once on, it needs either a single-workspace bot token or OAuth client
/// credentials (or both).
/// </summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>The app's signing secret (Basic Information → App Credentials). Empty: Slack is off.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>A single workspace's bot token (xoxb-…), used when no OAuth install exists for the team.</summary>
    public string? BotToken { get; set; }

    /// <summary>OAuth v2 client id, for installing into several workspaces through /slack/install.</summary>
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>
    /// Workspaces (team ids) this NotesGuard serves; empty serves any. Checked before an install (on the team hint),
    /// after it (a refused install's token is revoked), and on every event, command and click. A practice network
    /// lists its own workspaces so that strangers cannot attach theirs to its NotesGuard.
    /// </summary>
    public List<string> AllowedTeamIds { get; set; } = [];

    /// <summary>
    /// The redirect URL registered with Slack (https://your-host/slack/oauth/callback). Required for OAuth installs and
    /// never derived from the request, whose Host header the sender chooses.
    /// </summary>
    public string? OAuthRedirectUrl { get; set; }

    /// <summary>
    /// The single workspace that <see cref="BotToken"/> belongs to. When empty it is learnt from Slack (auth.test) the
    /// first time it is needed. No other workspace is ever answered with that token.
    /// </summary>
    public string? TeamId { get; set; }

    /// <summary>Where response_urls may point: Slack's hooks host. Tests point it at a loopback fake.</summary>
    public string ResponseUrlBase { get; set; } = "https://hooks.slack.com/";

    /// <summary>
    /// How many requests of one person may wait for a worker at once; more are answered "busy" so one person cannot
    /// fill a shared lane and keep everyone else's work out.
    /// </summary>
    public int MaxQueuedPerPerson { get; set; } = 8;

    /// <summary>Where the Web API lives; tests point it at a loopback fake.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>Slack's OAuth v2 consent page.</summary>
    public string AuthorizeUrl { get; set; } = "https://slack.com/oauth/v2/authorize";

    /// <summary>Largest request body accepted; larger ones get 413 before anything is read into memory.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How many acknowledged requests may wait for a worker; beyond that users are told to retry.</summary>
    public int QueueCapacity { get; set; } = 256;

    /// <summary>How many queued requests are worked on at once.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>How many times a Web API call is tried when Slack is rate-limiting or unavailable.</summary>
    public int MaxApiAttempts { get; set; } = 4;

    /// <summary>The longest Retry-After honoured before giving up on a call, in seconds.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>Whether a workspace may use this NotesGuard: any when the list is empty, else only those listed.</summary>
    public bool AllowsTeam(string? teamId) =>
        !string.IsNullOrEmpty(teamId) && (AllowedTeamIds.Count == 0 || AllowedTeamIds.Contains(teamId, StringComparer.Ordinal));

    public bool IsEnabled => !string.IsNullOrWhiteSpace(SigningSecret);

    public bool OAuthEnabled => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
