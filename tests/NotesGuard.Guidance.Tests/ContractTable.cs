namespace NotesGuard.Guidance.Tests;

/// <summary>
/// The advice contract's outcome table, written out independently of the rulebook so the tests check
/// the rulebook against the contract rather than against itself.
/// </summary>
internal static class ContractTable
{
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
        if (a["requester"] is not ("police" or "cps"))
        {
            return ("no-obligation-without-order", "no");
        }

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

    /// <summary>Every complete set of answers: the product of every key's values (138,240 of them).</summary>
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
