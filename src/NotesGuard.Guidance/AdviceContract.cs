namespace NotesGuard.Guidance;

/// <summary>
/// The stable vocabulary of shared/advice-contract.md: answer keys and values, outcomes,
/// hand-over verdicts, step codes and link ids. Wording lives in the rulebook; only codes live here.
/// </summary>
public static class AdviceContract
{
    /// <summary>Answer keys in the order the contract lists them, each with its allowed values.</summary>
    public static readonly IReadOnlyList<(string Key, IReadOnlyList<string> Values)> Answers =
    [
        ("jurisdiction", ["england-wales", "scotland", "northern-ireland", "unsure"]),
        ("requester", ["police", "cps", "defence", "parent-or-family", "client", "social-services", "other"]),
        ("courtOrder", ["yes", "no", "unsure"]),
        ("clientRole", ["complainant", "witness", "suspect", "unsure"]),
        ("inWriting", ["yes", "no"]),
        ("chiefInspectorAuthorisation", ["yes", "no", "unsure"]),
        ("consent", ["given", "refused", "not-asked", "unsure"]),
        ("consentPressure", ["yes", "no", "unsure"]),
        ("clientCapacity", ["adult", "child", "lacks-capacity", "unsure"]),
        ("safeguardingConcern", ["yes", "no"]),
    ];

    public static readonly IReadOnlyList<string> Outcomes =
    [
        "seek-legal-advice-other-jurisdiction",
        "comply-with-court-order",
        "suspect-records-request",
        "request-not-valid-yet",
        "authorised-request-without-valid-consent",
        "authorised-request-with-consent",
        "prosecutor-request",
        "client-access-request",
        "social-services-request",
        "no-obligation-without-order",
    ];

    public static readonly IReadOnlyList<string> HandOverNotes = ["no", "as-ordered", "minimum-with-consent", "client-copy"];

    /// <summary>The contract's outcome table fixes each outcome's hand-over verdict; a rulebook may not change it.</summary>
    public static readonly IReadOnlyDictionary<string, string> HandOverNotesByOutcome = new Dictionary<string, string>
    {
        ["seek-legal-advice-other-jurisdiction"] = "no",
        ["comply-with-court-order"] = "as-ordered",
        ["suspect-records-request"] = "no",
        ["request-not-valid-yet"] = "no",
        ["authorised-request-without-valid-consent"] = "no",
        ["authorised-request-with-consent"] = "minimum-with-consent",
        ["prosecutor-request"] = "no",
        ["client-access-request"] = "client-copy",
        ["social-services-request"] = "no",
        ["no-obligation-without-order"] = "no",
    };

    /// <summary>Steps every outcome carries.</summary>
    public static readonly IReadOnlyList<string> UniversalSteps =
        ["preserve-records", "log-request", "contact-insurer-helpline", "consult-supervisor"];

    /// <summary>Steps the contract requires on an outcome's every card, besides the universal ones.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RequiredStepsByOutcome = new Dictionary<string, IReadOnlyList<string>>
    {
        ["seek-legal-advice-other-jurisdiction"] = [],
        ["comply-with-court-order"] = ["comply-with-order", "make-representations-to-court"],
        ["suspect-records-request"] = [],
        ["request-not-valid-yet"] = ["offer-report-instead", "therapy-can-continue"],
        ["authorised-request-without-valid-consent"] = ["offer-report-instead", "therapy-can-continue"],
        ["authorised-request-with-consent"] =
            ["discuss-consent-with-client", "minimum-disclosure", "offer-report-instead", "data-protection-basis", "therapy-can-continue"],
        ["prosecutor-request"] = ["prosecutor-route", "check-scope", "therapy-can-continue"],
        ["client-access-request"] = ["respond-to-access-request", "check-access-exemptions", "redact-third-parties"],
        ["social-services-request"] = ["share-for-safeguarding", "no-obligation-without-order"],
        ["no-obligation-without-order"] = [],
    };

    /// <summary>The most steps a card may show first, under "Do now": what to do today.</summary>
    public const int MaxDoNowSteps = 3;

    /// <summary>Always among the "Do now" steps.</summary>
    public const string HelplineStep = "contact-insurer-helpline";

    /// <summary>First on the card whenever it applies.</summary>
    public const string SafeguardingStep = "safeguarding-duty";

    public static readonly IReadOnlyList<string> StepCodes =
    [
        "preserve-records", "log-request", "contact-insurer-helpline", "consult-supervisor",
        "comply-with-order", "make-representations-to-court", "minimum-disclosure", "tell-client",
        "check-if-court-order", "different-jurisdiction", "take-legal-advice",
        "not-a-victim-request", "request-in-writing", "verify-officer",
        "ask-chief-inspector-authorisation", "check-scope", "no-obligation-without-order",
        "explain-court-route", "discuss-consent-with-client", "consent-not-valid-pressure",
        "check-capacity", "offer-report-instead", "redact-third-parties", "copies-not-originals",
        "safeguarding-duty", "prosecutor-route", "respond-to-access-request", "check-access-exemptions",
        "share-for-safeguarding", "data-protection-basis", "therapy-can-continue",
    ];

    public static readonly IReadOnlyList<string> LinkIds =
        ["cps-pre-trial-therapy", "gov-uk-new-rules-2026", "bluestar-project", "ico-right-of-access"];

    public static IReadOnlyList<string>? ValuesOf(string key)
    {
        foreach (var (k, values) in Answers)
        {
            if (k == key)
            {
                return values;
            }
        }

        return null;
    }
}
