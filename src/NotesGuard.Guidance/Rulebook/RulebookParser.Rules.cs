using YamlDotNet.RepresentationModel;

namespace NotesGuard.Guidance.Rulebook;

/// <summary>Reading the ordered rules and the answer conditions that rules and steps share.</summary>
internal sealed partial class RulebookParser
{
    private List<RulebookRule> ReadRules(YamlMappingNode root, RulebookLocations where)
    {
        var rules = new List<RulebookRule>();
        if (_reader.Child(root, "rules", "", required: false) is { } rulesNode)
        {
            where.Rules = rulesNode.Start;
        }
        else
        {
            _reader.Error(root, "", "missing 'rules'");
        }

        foreach (var (map, path) in Entries(root, "rules"))
        {
            _reader.OnlyKeys(map, path, "when", "outcome");
            var outcome = _reader.RequiredText(map, "outcome", path);
            var when = _reader.Child(map, "when", path, required: false) is { } whenNode
                ? ReadCondition(whenNode, $"{path}.when")
                : AnswerCondition.Always;
            if (outcome is not null && !AdviceContract.Outcomes.Contains(outcome, StringComparer.Ordinal))
            {
                _reader.Error(map, path, $"unknown outcome '{outcome}' (allowed: {string.Join(", ", AdviceContract.Outcomes)})");
                continue;
            }

            if (outcome is not null && when is not null)
            {
                rules.Add(new RulebookRule(when, outcome));
                where.RuleEntries.Add((map.Start, path));
            }
        }

        return rules;
    }

    private AnswerCondition? ReadCondition(YamlNode node, string path)
    {
        if (_reader.Mapping(node, path) is not { } map)
        {
            return null;
        }

        var allowedValues = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var valid = true;
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var keyPath = $"{path}.{key}";
            if (AdviceContract.ValuesOf(key) is not { } allowed)
            {
                _reader.Error(keyNode, keyPath, $"unknown answer key '{key}' (allowed: {string.Join(", ", AdviceContract.Answers.Select(a => a.Key))})");
                valid = false;
                continue;
            }

            var values = new List<string>();
            var items = valueNode is YamlSequenceNode seq ? seq.Children : (IList<YamlNode>)[valueNode];
            foreach (var item in items)
            {
                if (_reader.Text(item, keyPath) is not { } value)
                {
                    valid = false;
                }
                else if (!allowed.Contains(value, StringComparer.Ordinal))
                {
                    _reader.Error(item, keyPath, $"unknown value '{value}' for '{key}' (allowed: {string.Join(", ", allowed)})");
                    valid = false;
                }
                else
                {
                    values.Add(value);
                }
            }

            allowedValues[key] = values;
        }

        return valid ? new AnswerCondition(allowedValues) : null;
    }
}
