namespace NotesGuard.Guidance;

/// <summary>
/// What a practice configures about itself. With no helplines set, the card tells the reader to call
/// their professional indemnity insurer's legal helpline; NotesGuard never ships a phone number.
/// </summary>
public sealed class PracticeSettings
{
    public const string SectionName = "Practice";

    public string? PracticeName { get; set; }

    public List<HelplineSetting> InsurerHelplines { get; set; } = [];

    public string? SupervisorContact { get; set; }

    /// <summary>Path to a practice's own copy of the rulebook; null uses the shipped one.</summary>
    public string? RulebookPath { get; set; }
}

public sealed class HelplineSetting
{
    public string Name { get; set; } = "";

    public string Phone { get; set; } = "";

    public string? Hours { get; set; }

    /// <summary>Where to find the policy number, e.g. "on your renewal letter". Never the number itself.</summary>
    public string? PolicyNumberHint { get; set; }
}
