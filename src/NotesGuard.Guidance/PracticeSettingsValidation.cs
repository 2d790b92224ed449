namespace NotesGuard.Guidance;

/// <summary>
/// Checks practice settings at start-up so a bad value stops the app with a message naming the key
/// (as it is written in configuration, e.g. <c>Practice:InsurerHelplines:0:Phone</c>).
/// </summary>
public static class PracticeSettingsValidation
{
    public static IReadOnlyList<string> Problems(PracticeSettings settings)
    {
        var problems = new List<string>();
        var section = PracticeSettings.SectionName;
        for (var i = 0; i < settings.InsurerHelplines.Count; i++)
        {
            var helpline = settings.InsurerHelplines[i];
            var key = $"{section}:InsurerHelplines:{i}";
            if (string.IsNullOrWhiteSpace(helpline.Name))
            {
                problems.Add($"{key}:Name is empty; every insurer helpline needs the insurer's name");
            }

            if (string.IsNullOrWhiteSpace(helpline.Phone))
            {
                problems.Add($"{key}:Phone is empty; every insurer helpline needs the number from your policy documents");
            }
            else if (!helpline.Phone.Any(char.IsDigit) || helpline.Phone.Any(c => !(char.IsDigit(c) || c is ' ' or '+' or '(' or ')' or '-')))
            {
                problems.Add($"{key}:Phone '{helpline.Phone}' is not a phone number (digits, spaces, + ( ) - only)");
            }
        }

        if (settings.RulebookPath is { Length: > 0 } path && !File.Exists(path))
        {
            problems.Add($"{section}:RulebookPath '{path}' does not exist");
        }

        return problems;
    }

    /// <summary>Throws <see cref="PracticeSettingsException"/> listing every problem, if there are any.</summary>
    public static void EnsureValid(PracticeSettings settings)
    {
        var problems = Problems(settings);
        if (problems.Count > 0)
        {
            throw new PracticeSettingsException(problems);
        }
    }
}
