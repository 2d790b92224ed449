namespace NotesGuard.Guidance.Tests;

/// <summary>
/// The advice contract (2026.2): its outcome table, required steps, links and ordering rules, written out from
/// shared/advice-contract.md independently of the rulebook, so the tests check the rulebook against the
/// contract rather than against itself.
/// </summary>
internal static class ContractTable
{
    public const int CompleteAnswerSets = 4 * 7 * 3 * 4 * 2 * 3 * 4 * 3 * 4 * 2;

    public const int MaxDoNow = 3;

    private static readonly string[] Universal = ["preserve-records", "log-request", "contact-insurer-helpline", "consult-supervisor"];

    private static readonly string[] PoliceAndCpsOutcomes =
    [
        "suspect-records-request", "request-not-valid-yet", "authorised-request-without-valid-consent",
        "authorised-request-with-consent", "prosecutor-request",
    ];

    /// <summary>Steps where "a report or consent is discussed", which bring the Bluestar link.</summary>
    public static readonly string[] ReportOrConsentSteps = ["discuss-consent-with-client", "consent-not-valid-pressure", "offer-report-instead"];

    public static (string Outcome, string HandOverNotes) Expected(IReadOnlyDictionary<string, string> a)
    {
        if (a["jurisdiction"] != "england-wales")
        {
            return ("seek-legal-advice-other-jurisdiction", "no");
        }

        if (a["courtOrder"] == "yes")
        {
            return ("comply-with-court-order", "as-ordered");
        }

        // courtOrder "no" and "unsure" are both "no order".
        switch (a["requester"])
        {
            case "cps":
                return ("prosecutor-request", "no");
            case "client":
                return ("client-access-request", "client-copy");
            case "social-services":
                return ("social-services-request", "no");
            case "defence" or "parent-or-family" or "other":
                return ("no-obligation-without-order", "no");
        }

        // Only police requests go on to the role, writing, authorisation and consent questions.
        if (a["clientRole"] == "suspect")
        {
            return ("suspect-records-request", "no");
        }

        if (a["inWriting"] != "yes" || a["chiefInspectorAuthorisation"] != "yes")
        {
            return ("request-not-valid-yet", "no");
        }

        var validConsent = a["consent"] == "given"
            && a["consentPressure"] == "no"
            && a["clientCapacity"] is "adult" or "child";
        return validConsent
            ? ("authorised-request-with-consent", "minimum-with-consent")
            : ("authorised-request-without-valid-consent", "no");
    }

    /// <summary>Steps the contract requires on the card for these answers (the card may have more).</summary>
    public static IReadOnlyList<string> RequiredSteps(IReadOnlyDictionary<string, string> a)
    {
        var (outcome, _) = Expected(a);
        var steps = new List<string>(Universal);
        steps.AddRange(outcome switch
        {
            "comply-with-court-order" => ["comply-with-order", "make-representations-to-court"],
            "request-not-valid-yet" or "authorised-request-without-valid-consent" => ["offer-report-instead", "therapy-can-continue"],
            "authorised-request-with-consent" =>
                ["discuss-consent-with-client", "minimum-disclosure", "offer-report-instead", "data-protection-basis", "therapy-can-continue"],
            "prosecutor-request" => ["prosecutor-route", "check-scope", "therapy-can-continue"],
            "client-access-request" => ["respond-to-access-request", "check-access-exemptions", "redact-third-parties"],
            "social-services-request" => ["share-for-safeguarding", "no-obligation-without-order"],
            _ => [],
        });
        if (PoliceAndCpsOutcomes.Contains(outcome))
        {
            steps.Add("therapy-can-continue");
        }

        if (a["safeguardingConcern"] == "yes")
        {
            steps.Add("safeguarding-duty");
        }

        // "courtOrder unsure is treated as no order, and adds check-if-court-order" (England and Wales: elsewhere
        // the court-order question is not part of the decision).
        if (a["jurisdiction"] == "england-wales" && a["courtOrder"] == "unsure")
        {
            steps.Add("check-if-court-order");
        }

        return [.. steps.Distinct()];
    }

    /// <summary>Steps the contract says appear only under a condition, and must not appear otherwise.</summary>
    public static IReadOnlyList<string> ForbiddenSteps(IReadOnlyDictionary<string, string> a)
    {
        var forbidden = new List<string>();
        if (a["safeguardingConcern"] != "yes")
        {
            forbidden.Add("safeguarding-duty");
        }

        if (a["jurisdiction"] != "england-wales" || a["courtOrder"] != "unsure")
        {
            forbidden.Add("check-if-court-order");
        }

        var (outcome, _) = Expected(a);
        if (outcome != "prosecutor-request")
        {
            forbidden.Add("prosecutor-route");
        }
        else
        {
            // Prosecutors cannot make a victim information request: no Chief Inspector step, no switchboard check.
            forbidden.AddRange(["ask-chief-inspector-authorisation", "verify-officer", "request-in-writing"]);
        }

        if (outcome != "client-access-request")
        {
            forbidden.AddRange(["respond-to-access-request", "check-access-exemptions"]);
        }

        if (outcome != "social-services-request")
        {
            forbidden.Add("share-for-safeguarding");
        }

        return forbidden;
    }

    /// <summary>The contract's links for an outcome, given the steps its card shows.</summary>
    public static IReadOnlyList<string> ExpectedLinks(string outcome, IEnumerable<string> stepCodes)
    {
        if (outcome == "seek-legal-advice-other-jurisdiction")
        {
            return [];
        }

        var links = new List<string> { "cps-pre-trial-therapy", "gov-uk-new-rules-2026" };
        if (stepCodes.Any(ReportOrConsentSteps.Contains))
        {
            links.Add("bluestar-project");
        }

        if (outcome == "client-access-request")
        {
            links.Add("ico-right-of-access");
        }

        return links;
    }

    /// <summary>Every complete set of answers: the product of every key's values.</summary>
    public static IEnumerable<Dictionary<string, string>> AllCompleteAnswers()
    {
        var keys = AdviceContract.Answers;
        var digits = new int[keys.Count];
        while (true)
        {
            var answers = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var k = 0; k < keys.Count; k++)
            {
                answers[keys[k].Key] = keys[k].Values[digits[k]];
            }

            yield return answers;
            var i = keys.Count - 1;
            while (i >= 0 && ++digits[i] == keys[i].Values.Count)
            {
                digits[i] = 0;
                i--;
            }

            if (i < 0)
            {
                yield break;
            }
        }
    }
}
