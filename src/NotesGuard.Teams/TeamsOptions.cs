namespace NotesGuard.Teams;

/// <summary>How the bot is registered in Azure: which tenants may talk to it and how it gets tokens.</summary>
public enum TeamsAppType
{
    /// <summary>Any tenant; outbound tokens from the botframework.com tenant.</summary>
    MultiTenant,

    /// <summary>One tenant (Teams:TenantId); outbound tokens and Entra issuers from that tenant.</summary>
    SingleTenant,

    /// <summary>A user-assigned managed identity (Azure-hosted only); no secret or certificate.</summary>
    UserAssignedManagedIdentity,
}

/// <summary>Which Adaptive Card action the buttons use.</summary>
public enum CardActionStyle
{
    /// <summary>Action.Submit: a message activity; the clicked card is updated with PUT.</summary>
    Submit,

    /// <summary>Action.Execute (Universal Actions): an invoke answered in the HTTP response with the new card.</summary>
    Execute,
}

/// <summary>The "Teams" configuration section, validated at start-up (see TeamsOptionsValidation).</summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    public const string BotFrameworkMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>
    /// True: the channel must run (outside Development that needs an App ID, or the app does not start).
    /// False: /api/messages is not mapped. Unset: on when an App ID is set, or in Development (auth off).
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>The bot's Microsoft App ID: the audience of inbound tokens and the client of outbound ones.</summary>
    public string? AppId { get; set; }

    public TeamsAppType AppType { get; set; } = TeamsAppType.MultiTenant;

    /// <summary>Required for SingleTenant.</summary>
    public string? TenantId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>A PFX file holding the certificate and its private key (instead of a secret).</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>For UserAssignedManagedIdentity; defaults to the App ID.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Where Bot Framework signing keys are published.</summary>
    public string OpenIdMetadataUrl { get; set; } = BotFrameworkMetadataUrl;

    /// <summary>
    /// The issuer of Bot Framework channel tokens: https://api.botframework.com in the public cloud,
    /// https://api.botframework.us in the US government clouds.
    /// </summary>
    public string ChannelTokenIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>Signing keys for Entra-issued tokens (emulator, single-tenant); defaults from the tenant.</summary>
    public string? EntraOpenIdMetadataUrl { get; set; }

    /// <summary>
    /// Entra issuers trusted besides the built-in ones. Tokens from them pass only the same authorised-party
    /// checks as other Entra tokens (AcceptEmulatorTokens, AllowedCallers).
    /// </summary>
    public List<string> ExtraIssuers { get; set; } = [];

    /// <summary>
    /// Accept Entra-issued tokens whose authorised party (appid on v1, azp on v2) is the bot's own App ID, as the
    /// Bot Framework Emulator sends them. Off by default: Teams itself only sends Bot Framework channel tokens.
    /// </summary>
    public bool AcceptEmulatorTokens { get; set; }

    /// <summary>
    /// App IDs of other bots or agents allowed to call this bot with Entra-issued tokens (the Bot Framework's
    /// "allowed callers" for skills). Empty by default: no caller is allowed.
    /// </summary>
    public List<string> AllowedCallers { get; set; } = [];

    /// <summary>
    /// The Microsoft Entra tenants (Microsoft 365 organisations) whose activities this bot answers, by tenant id. An
    /// activity from any other tenant is refused before it is read as a turn, so another organisation that installs
    /// an app package with this bot's App ID can neither use the bot nor add its chats to the practice's broadcast
    /// list. Empty means <see cref="TenantId"/> for a SingleTenant or managed-identity bot, and any tenant for a
    /// MultiTenant one.
    /// </summary>
    public List<string> AllowedTenantIds { get; set; } = [];

    /// <summary>
    /// The tenants in force (see <see cref="AllowedTenantIds"/>), each as a GUID in its "D" form, lower case; empty:
    /// any. A single-tenant or managed-identity bot (both serve one tenant) falls back to <see cref="TenantId"/> when
    /// that is a GUID; a domain name there cannot be compared with what activities carry, so start-up then asks for
    /// the list.
    /// </summary>
    public IReadOnlyList<string> EffectiveAllowedTenantIds =>
        AllowedTenantIds.Count > 0 ? [.. AllowedTenantIds.Select(t => Guid.TryParse(t, out var id) ? id.ToString("D") : t)]
        : AppType is TeamsAppType.SingleTenant or TeamsAppType.UserAssignedManagedIdentity && Guid.TryParse(TenantId, out var tenant) ? [tenant.ToString("D")]
        : [];

    /// <summary>
    /// The https origins replies may go to, e.g. "https://smba.trafficmanager.net" or "https://*.botframework.com".
    /// Empty means <see cref="DefaultAllowedServiceUrls"/>; setting it replaces the defaults (sovereign clouds).
    /// In Development, http(s) on loopback is allowed too (the Agents Playground).
    /// </summary>
    public List<string> AllowedServiceUrls { get; set; } = [];

    /// <summary>
    /// Public-cloud Teams and Bot Framework service URLs: smba.trafficmanager.net (Teams' global endpoint, with
    /// regional paths such as /amer/, /emea/, /apac/), the GCC endpoint, and the Bot Framework's own channels.
    /// </summary>
    public static IReadOnlyList<string> DefaultAllowedServiceUrls { get; } =
    [
        "https://smba.trafficmanager.net",
        "https://smba.infra.gcc.teams.microsoft.com",
        "https://*.botframework.com",
    ];

    /// <summary>The allow-list in force: the configured one, or the defaults.</summary>
    public IReadOnlyList<string> EffectiveAllowedServiceUrls =>
        AllowedServiceUrls.Count > 0 ? AllowedServiceUrls : DefaultAllowedServiceUrls;

    /// <summary>The token authority host for outbound tokens (tests point it at a loopback fake).</summary>
    public string TokenAuthority { get; set; } = "https://login.microsoftonline.com";

    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>An unknown key id refreshes the keys at most this often, so forged tokens cannot hammer the metadata endpoint.</summary>
    public TimeSpan KeyRefreshMinimumInterval { get; set; } = TimeSpan.FromMinutes(5);

    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    public CardActionStyle CardActions { get; set; } = CardActionStyle.Submit;

    /// <summary>Teams throttles around 7 operations per second per conversation.</summary>
    public int OperationsPerSecondPerConversation { get; set; } = 7;

    public int MaxSendAttempts { get; set; } = 4;

    /// <summary>
    /// How long a typed turn may take before "NotesGuard is typing…" is sent (as the Bot Framework's typing
    /// middleware, 500 ms): most turns answer sooner and send none. Zero sends it on every turn, at once.
    /// </summary>
    public TimeSpan TypingDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a conversation reference is kept for proactive messages after the last contact.</summary>
    public TimeSpan ConversationReferenceLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>True when no App ID is configured: auth is off (allowed in Development only).</summary>
    public bool AuthenticationDisabled => string.IsNullOrWhiteSpace(AppId);

    /// <summary>Whether /api/messages is served. Never without authentication outside Development.</summary>
    public bool IsActive(bool isDevelopment) => Enabled ?? (!AuthenticationDisabled || isDevelopment);
}
