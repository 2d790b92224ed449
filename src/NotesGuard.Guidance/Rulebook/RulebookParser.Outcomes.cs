using YamlDotNet.RepresentationModel;

namespace NotesGuard.Guidance.Rulebook;

/// <summary>Reading the outcomes: verdict, headline, steps (with their conditions) and links.</summary>
internal sealed partial class RulebookParser
{
    private void ReadOutcomes(YamlMappingNode root, RulebookLocations where)
    {
        foreach (var (map, path) in Entries(root, "outcomes"))
        {
            _reader.OnlyKeys(map, path, "id", "handOverNotes", "headline", "steps", "links");
            var id = _reader.RequiredText(map, "id", path);
            var handOver = _reader.RequiredText(map, "handOverNotes", path);
            var headline = _reader.RequiredText(map, "headline", path);
            if (id is not null && !AdviceContract.Outcomes.Contains(id, StringComparer.Ordinal))
            {
                _reader.Error(map, path, $"unknown outcome '{id}' (allowed: {string.Join(", ", AdviceContract.Outcomes)})");
                id = null;
            }

            if (id is not null && handOver is not null && AdviceContract.HandOverNotesByOutcome[id] != handOver)
            {
                _reader.Error(
                    map,
                    path,
                    $"handOverNotes for '{id}' must be '{AdviceContract.HandOverNotesByOutcome[id]}' (the advice contract fixes it), not '{handOver}'");
            }

            var steps = ReadOutcomeSteps(map, path, id);
            var links = ReadOutcomeLinks(map, path);
            if (id is null || handOver is null || headline is null)
            {
                continue;
            }

            if (!_outcomes.TryAdd(id, new OutcomeDefinition(id, handOver, headline, steps, links)))
            {
                _reader.Error(map, path, $"duplicate outcome '{id}'");
                continue;
            }

            where.Outcomes[id] = (map.Start, path);
        }

        if (_reader.Child(root, "outcomes", "", required: false) is { } outcomesNode)
        {
            foreach (var outcome in AdviceContract.Outcomes.Where(o => !_outcomes.ContainsKey(o)))
            {
                _reader.Error(outcomesNode, "outcomes", $"outcome '{outcome}' of the advice contract is not defined");
            }
        }
    }

    private List<OutcomeStep> ReadOutcomeSteps(YamlMappingNode outcome, string path, string? outcomeId)
    {
        var steps = new List<OutcomeStep>();
        if (_reader.Child(outcome, "steps", path) is not { } node || _reader.Sequence(node, $"{path}.steps") is not { } list)
        {
            return steps;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            var stepPath = $"{path}.steps[{i}]";
            var item = list.Children[i];
            string? code;
            AnswerCondition? when = null;
            if (item is YamlMappingNode map)
            {
                _reader.OnlyKeys(map, stepPath, "code", "when");
                code = _reader.RequiredText(map, "code", stepPath);
                if (_reader.Child(map, "when", stepPath, required: false) is { } whenNode)
                {
                    when = ReadCondition(whenNode, $"{stepPath}.when");
                }
            }
            else
            {
                code = _reader.Text(item, stepPath);
            }

            if (code is null)
            {
                continue;
            }

            if (!AdviceContract.StepCodes.Contains(code, StringComparer.Ordinal))
            {
                _reader.Error(item, stepPath, $"unknown step code '{code}' (allowed: {string.Join(", ", AdviceContract.StepCodes)})");
                continue;
            }

            if (!_steps.ContainsKey(code))
            {
                _reader.Error(item, stepPath, $"step '{code}' has no entry in the steps library");
            }

            if (steps.Any(s => s.Code == code))
            {
                _reader.Error(item, stepPath, $"step '{code}' is listed twice");
            }

            steps.Add(new OutcomeStep(code, when));
        }

        // The decision model keeps one bit per listed step.
        if (steps.Count > 64)
        {
            _reader.Error(list, $"{path}.steps", $"an outcome may list at most 64 steps, not {steps.Count}");
        }

        foreach (var universal in AdviceContract.UniversalSteps)
        {
            var step = steps.FirstOrDefault(s => s.Code == universal);
            if (step is null)
            {
                _reader.Error(list, $"{path}.steps", $"missing universal step '{universal}' (every outcome needs: {string.Join(", ", AdviceContract.UniversalSteps)})");
            }
            else if (step.When is not null)
            {
                _reader.Error(list, $"{path}.steps", $"universal step '{universal}' must not have a 'when' condition");
            }
        }

        var required = outcomeId is null ? [] : AdviceContract.RequiredStepsByOutcome[outcomeId];
        foreach (var code in required)
        {
            var step = steps.FirstOrDefault(s => s.Code == code);
            if (step is null)
            {
                _reader.Error(list, $"{path}.steps", $"missing step '{code}', which the advice contract requires on '{outcomeId}' (required: {string.Join(", ", required)})");
            }
            else if (step.When is not null)
            {
                _reader.Error(list, $"{path}.steps", $"step '{code}' is required on '{outcomeId}' and must not have a 'when' condition");
            }
        }

        return steps;
    }

    private List<string> ReadOutcomeLinks(YamlMappingNode outcome, string path)
    {
        var links = new List<string>();
        var ids = _reader.TextList(outcome, "links", path, required: false);
        for (var i = 0; i < ids.Count; i++)
        {
            var (id, node) = ids[i];
            if (!AdviceContract.LinkIds.Contains(id, StringComparer.Ordinal))
            {
                _reader.Error(node, $"{path}.links[{i}]", $"unknown link id '{id}' (allowed: {string.Join(", ", AdviceContract.LinkIds)})");
            }
            else if (!_links.ContainsKey(id))
            {
                _reader.Error(node, $"{path}.links[{i}]", $"link '{id}' is not defined under 'links'");
            }
            else
            {
                links.Add(id);
            }
        }

        return links;
    }
}
