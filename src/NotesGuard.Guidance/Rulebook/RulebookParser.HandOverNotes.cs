using YamlDotNet.RepresentationModel;

namespace NotesGuard.Guidance.Rulebook;

/// <summary>
/// Reading the hand-over verdict labels: one reviewed sentence per contract verdict code, so every surface
/// shows the same words instead of spelling the code out itself.
/// </summary>
internal sealed partial class RulebookParser
{
    private Dictionary<string, string>? ReadHandOverNotesLabels(YamlMappingNode root)
    {
        const string Section = "handOverNotes";
        if (_reader.Child(root, Section, "") is not { } node || _reader.Mapping(node, Section) is not { } map)
        {
            return null;
        }

        _reader.OnlyKeys(map, Section, [.. AdviceContract.HandOverNotes]);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in AdviceContract.HandOverNotes)
        {
            if (_reader.RequiredText(map, code, Section) is { } label)
            {
                labels[code] = label.Trim();
            }
        }

        return labels.Count == AdviceContract.HandOverNotes.Count ? labels : null;
    }
}
