using YamlDotNet.Core;

namespace NotesGuard.Guidance.Rulebook;

/// <summary>Where each part was written, so the decision checks that run later can name the place.</summary>
internal sealed class RulebookLocations
{
    public Mark Root { get; set; }

    public Mark Rules { get; set; }

    public Dictionary<string, (Mark Mark, string Path)> Questions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (Mark Mark, string Path)> Outcomes { get; } = new(StringComparer.Ordinal);

    public List<(Mark Mark, string Path)> RuleEntries { get; } = [];
}
