using NotesGuard.Guidance;

namespace NotesGuard.Slack.Home;

/// <summary>What App Home shows, all from the rulebook and the practice's settings.</summary>
public sealed record AppHomeContent(
    string RulebookVersion,
    string? PracticeName,
    string? HelplineInstruction,
    IReadOnlyList<Helpline> Helplines,
    string? SupervisorContact,
    string? Disclaimer);
