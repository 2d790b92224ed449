namespace NotesGuard.Guidance.Letters;

/// <summary>
/// The fixed vocabulary of documents (issue 14): kinds, reply variants, and what each kind must contain.
/// The rulebook's <c>letters</c> section words them; these codes and requirements are checked against it.
/// </summary>
public static class LetterContract
{
    public const string Reply = "reply";

    public static readonly IReadOnlyList<string> Kinds = [Reply, "report", "consent-form", "request-log", "agreement-clause"];

    /// <summary>One reply per situation; at most one reply fits a given outcome.</summary>
    public static readonly IReadOnlyList<string> ReplyVariants =
    [
        "ask-for-written-request", "decline-pending-court-order", "offer-agreed-report", "acknowledge-court-order", "answer-client-access-request",
    ];

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RequiredSections = new Dictionary<string, IReadOnlyList<string>>
    {
        [Reply] = ["addressee", "body", "sign-off"],
        ["report"] = ["therapy-dates", "therapist-role", "agreed-content", "not-included", "client-comments", "sign-off"],
        ["consent-form"] = ["what-is-shared", "with-whom", "purpose", "your-choice", "signatures"],
        ["request-log"] = ["entries"],
        ["agreement-clause"] = ["clause"],
    };

    /// <summary>Blanks a kind must leave for the therapist, whose absence would make a document that names nobody or is undated.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RequiredBlanks = new Dictionary<string, IReadOnlyList<string>>
    {
        [Reply] = ["date", "client-name", "signature"],
        ["report"] = ["date", "client-name", "signature", "agreed-content", "client-comments"],
        ["consent-form"] = ["date", "client-name", "signature", "what-is-shared"],
        ["request-log"] = ["client-reference"],
        ["agreement-clause"] = [],
    };

    /// <summary>Filled from the practice settings; the blank of the same id stands in when the setting is not set.</summary>
    public const string PracticeName = "practice-name";

    public const string SupervisorContact = "supervisor-contact";

    /// <summary>Filled from the requester answer code; the blank of the same id stands in when unknown.</summary>
    public const string Requester = "requester";

    public const string RulebookVersion = "rulebook-version";

    public const string LinkPrefix = "link:";

    /// <summary>Blank ids the filler itself relies on, so every letters section must define them.</summary>
    public static readonly IReadOnlyList<string> FallbackBlanks = [PracticeName, SupervisorContact, Requester];
}
