using System.Text;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Conversations.Practice;

/// <summary>
/// The cards a practice posts, built from the rulebook's own words and sent through each channel's ordinary
/// message path (a titled <see cref="TextReply"/>, escaped there like any other text). They are reference
/// material, so they go as <see cref="TextKind.Help"/>: Teams shows that kind as an Adaptive Card with its title.
/// </summary>
public sealed class PracticeCards(RulebookDocument rulebook, PracticeSettings practice, IOptions<PracticeOptions> options)
{
    public const string IfAskedForNotes = "if-asked-for-notes";
    public const string GuidanceUpdated = "guidance-updated";
    public const string Custom = "custom";

    /// <summary>The longest text an admin may post as a custom card.</summary>
    public const int MaxCustomTextLength = 500;

    public const string IfAskedTitle = "If you are asked for a client's notes";

    private const int MaxDiffLength = 2500;

    private const TextKind Kind = TextKind.Help;

    public string RulebookVersion => rulebook.Version;

    public bool CanPostGuidanceUpdated => !string.IsNullOrWhiteSpace(options.Value.PreviousRulebookPath);

    /// <summary>The card, or a one-line reason it cannot be built (shown to the admin or the API caller).</summary>
    public (TextReply? Card, string? Problem) Build(string? kind, string? customText) => kind switch
    {
        IfAskedForNotes => (IfAsked(), null),
        GuidanceUpdated when !CanPostGuidanceUpdated => (null, $"The '{GuidanceUpdated}' card needs {PracticeOptions.SectionName}:PreviousRulebookPath (the rulebook the practice used before)."),
        GuidanceUpdated => Updated(),
        Custom => CustomCard(customText),
        _ => (null, $"card must be one of {IfAskedForNotes}, {GuidanceUpdated}, {Custom}."),
    };

    /// <summary>Pin-worthy: what each kind of outcome means for the notes, the steps every case shares, and where to read more.</summary>
    public TextReply IfAsked()
    {
        var text = new StringBuilder();
        text.AppendLine("Who is asking, and with what authority, decides what you do. Message NotesGuard privately to walk through your own case.");
        foreach (var family in rulebook.Outcomes.GroupBy(o => o.HandOverNotes))
        {
            var label = rulebook.HandOverNotesLabels.TryGetValue(family.Key, out var worded) ? worded : family.Key;
            text.AppendLine().AppendLine(label);
            foreach (var outcome in family)
            {
                text.Append("• ").AppendLine(outcome.Headline);
            }
        }

        var universal = UniversalSteps().ToList();
        if (universal.Count > 0)
        {
            text.AppendLine().AppendLine("Whoever is asking:");
            foreach (var step in universal)
            {
                text.Append("• ").AppendLine(step);
            }
        }

        if (rulebook.Links.Count > 0)
        {
            text.AppendLine().AppendLine("Read more:");
            foreach (var link in rulebook.Links)
            {
                text.Append("• ").Append(link.Title).Append(": ").AppendLine(link.Url);
            }
        }

        text.AppendLine().Append(Footer());
        return new TextReply(text.ToString(), Kind, IfAskedTitle);
    }

    /// <summary>Steps every outcome lists without a condition, in the order the first outcome gives them.</summary>
    private IEnumerable<string> UniversalSteps() =>
        rulebook.Outcomes.Count == 0
            ? []
            : rulebook.Outcomes[0].Steps
                .Where(s => s.When is null && rulebook.Outcomes.All(o => o.Steps.Any(t => t.Code == s.Code && t.When is null)))
                .Select(s => rulebook.Steps.TryGetValue(s.Code, out var step) ? step.Text : s.Code);

    private (TextReply?, string?) Updated()
    {
        RulebookOutline before, now;
        try
        {
            before = RulebookOutline.Read(options.Value.PreviousRulebookPath!);
            now = string.IsNullOrWhiteSpace(practice.RulebookPath)
                ? RulebookOutline.Parse(RulebookLoader.ReadShippedText(), RulebookLoader.ShippedName)
                : RulebookOutline.Read(practice.RulebookPath);
        }
        catch (RulebookValidationException)
        {
            return (null, $"{PracticeOptions.SectionName}:PreviousRulebookPath cannot be read as a rulebook.");
        }

        var lines = RulebookDiff.Describe(before, now);
        var text = new StringBuilder();
        text.AppendLine($"The practice's guidance changed from rulebook {before.Version} to {now.Version}. What changed, outcome by outcome, and why:");
        foreach (var line in lines.Skip(1))
        {
            if (text.Length + line.Length > MaxDiffLength)
            {
                text.AppendLine("… and more: ask your practice for the full list (notesguard rulebook diff).");
                break;
            }

            text.AppendLine(line);
        }

        text.AppendLine().Append(Footer());
        return (new TextReply(text.ToString(), Kind, $"Guidance updated: {before.Version} → {now.Version}"), null);
    }

    private (TextReply?, string?) CustomCard(string? customText)
    {
        var text = customText?.Trim() ?? "";
        if (text.Length == 0)
        {
            return (null, "A custom card needs text.");
        }

        if (text.Length > MaxCustomTextLength)
        {
            return (null, $"A custom card's text is at most {MaxCustomTextLength} characters (got {text.Length}).");
        }

        if (text.Any(c => char.IsControl(c) && c != '\n'))
        {
            return (null, "A custom card's text may contain line breaks but no other control characters.");
        }

        var from = string.IsNullOrWhiteSpace(practice.PracticeName) ? "your practice" : practice.PracticeName;
        return (new TextReply(text, Kind, $"A message from {from}"), null);
    }

    private string Footer() => $"NotesGuard rulebook {rulebook.Version}. {rulebook.Disclaimer}";
}
