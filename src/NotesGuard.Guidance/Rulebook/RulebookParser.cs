using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NotesGuard.Guidance.Rulebook;

/// <summary>
/// Turns the YAML tree into rulebook parts and checks every code against <see cref="AdviceContract"/>
/// and every reference (step → source, outcome → link, rule → outcome) against the file itself.
/// </summary>
internal sealed class RulebookParser
{
    private static readonly string[] TopLevelKeys =
    [
        "version", "effectiveDate", "lastReviewed", "disclaimer", "helplineInstruction",
        "questions", "rules", "outcomes", "steps", "links", "sources",
    ];

    private static readonly string[] Confidences = ["H", "M", "L"];

    private readonly RulebookYamlReader _reader;
    private readonly Dictionary<string, SourceDefinition> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AdviceLink> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StepDefinition> _steps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OutcomeDefinition> _outcomes = new(StringComparer.Ordinal);

    private RulebookParser(RulebookYamlReader reader) => _reader = reader;

    /// <summary>Where each part was written, so the decision checks that run later can name the place.</summary>
    internal sealed class Locations
    {
        public Mark Root { get; set; }

        public Mark Rules { get; set; }

        public Dictionary<string, (Mark Mark, string Path)> Questions { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (Mark Mark, string Path)> Outcomes { get; } = new(StringComparer.Ordinal);

        public List<(Mark Mark, string Path)> RuleEntries { get; } = [];
    }

    public static (RulebookDocument? Document, Locations Where, IReadOnlyList<RulebookError> Errors) Parse(string yaml, string file)
    {
        var reader = new RulebookYamlReader(file);
        var where = new Locations();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            reader.Error(ex.Start, "", $"malformed YAML: {ex.Message}");
            return (null, where, reader.Errors);
        }

        if (stream.Documents.Count != 1)
        {
            reader.Error(new Mark(), "", "expected exactly one YAML document");
            return (null, where, reader.Errors);
        }

        var parser = new RulebookParser(reader);
        var document = parser.ReadDocument(stream.Documents[0].RootNode, where);
        return (reader.Errors.Count == 0 ? document : null, where, reader.Errors);
    }

    private RulebookDocument? ReadDocument(YamlNode rootNode, Locations where)
    {
        where.Root = rootNode.Start;
        if (_reader.Mapping(rootNode, "") is not { } root)
        {
            return null;
        }

        _reader.OnlyKeys(root, "", TopLevelKeys);
        var version = _reader.RequiredText(root, "version", "");
        var effective = ReadDate(root, "effectiveDate");
        var reviewed = ReadDate(root, "lastReviewed");
        var disclaimer = _reader.RequiredText(root, "disclaimer", "");
        var helpline = _reader.RequiredText(root, "helplineInstruction", "");

        ReadSources(root);
        ReadLinks(root);
        ReadSteps(root);
        var questions = ReadQuestions(root, where);
        ReadOutcomes(root, where);
        var rules = ReadRules(root, where);

        if (version is null || effective is null || reviewed is null || disclaimer is null || helpline is null)
        {
            return null;
        }

        return new RulebookDocument(
            _reader.File,
            version,
            effective.Value,
            reviewed.Value,
            disclaimer,
            helpline,
            questions,
            rules,
            [.. _outcomes.Values],
            _steps,
            [.. _links.Values],
            [.. _sources.Values]);
    }

    private DateOnly? ReadDate(YamlMappingNode root, string key)
    {
        if (_reader.RequiredText(root, key, "") is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        _reader.Error(root.Children[new YamlScalarNode(key)], key, $"'{text}' is not a date (write it as YYYY-MM-DD)");
        return null;
    }

    private IEnumerable<(YamlMappingNode Map, string Path)> Entries(YamlMappingNode root, string section)
    {
        if (_reader.Child(root, section, "") is not { } node || _reader.Sequence(node, section) is not { } list)
        {
            yield break;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"{section}[{i}]";
            if (_reader.Mapping(list.Children[i], path) is { } map)
            {
                yield return (map, path);
            }
        }
    }

    private void ReadSources(YamlMappingNode root)
    {
        foreach (var (map, path) in Entries(root, "sources"))
        {
            _reader.OnlyKeys(map, path, "id", "title", "citation", "url", "confidence");
            var id = _reader.RequiredText(map, "id", path);
            var title = _reader.RequiredText(map, "title", path);
            var citation = _reader.RequiredText(map, "citation", path);
            var url = _reader.OptionalText(map, "url", path);
            var confidence = _reader.RequiredText(map, "confidence", path);
            if (url is not null)
            {
                CheckHttps(map, path, url);
            }

            if (confidence is not null && !Confidences.Contains(confidence, StringComparer.Ordinal))
            {
                _reader.Error(map, path, $"unknown confidence '{confidence}' (allowed: {string.Join(", ", Confidences)})");
            }

            if (id is null || title is null || citation is null || confidence is null)
            {
                continue;
            }

            if (!_sources.TryAdd(id, new SourceDefinition(id, title, citation, url, confidence)))
            {
                _reader.Error(map, path, $"duplicate source id '{id}'");
            }
        }
    }

    private void ReadLinks(YamlMappingNode root)
    {
        foreach (var (map, path) in Entries(root, "links"))
        {
            _reader.OnlyKeys(map, path, "id", "title", "url");
            var id = _reader.RequiredText(map, "id", path);
            var title = _reader.RequiredText(map, "title", path);
            var url = _reader.RequiredText(map, "url", path);
            if (id is not null && !AdviceContract.LinkIds.Contains(id, StringComparer.Ordinal))
            {
                _reader.Error(map, path, $"unknown link id '{id}' (allowed: {string.Join(", ", AdviceContract.LinkIds)})");
                continue;
            }

            if (url is not null && !CheckHttps(map, path, url))
            {
                continue;
            }

            if (id is not null && title is not null && url is not null && !_links.TryAdd(id, new AdviceLink(id, title, url)))
            {
                _reader.Error(map, path, $"duplicate link id '{id}'");
            }
        }
    }

    private bool CheckHttps(YamlMappingNode map, string path, string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0)
        {
            return true;
        }

        _reader.Error(map.Children[new YamlScalarNode("url")], RulebookYamlReader.Join(path, "url"), $"'{url}' is not an https URL");
        return false;
    }

    private void ReadSteps(YamlMappingNode root)
    {
        if (_reader.Child(root, "steps", "") is not { } node || _reader.Mapping(node, "steps") is not { } library)
        {
            return;
        }

        foreach (var (keyNode, valueNode) in library.Children)
        {
            var code = (keyNode as YamlScalarNode)?.Value ?? "";
            var path = $"steps.{code}";
            if (!AdviceContract.StepCodes.Contains(code, StringComparer.Ordinal))
            {
                _reader.Error(keyNode, path, $"unknown step code '{code}' (allowed: {string.Join(", ", AdviceContract.StepCodes)})");
                continue;
            }

            if (_reader.Mapping(valueNode, path) is not { } map)
            {
                continue;
            }

            _reader.OnlyKeys(map, path, "text", "sources");
            var text = _reader.RequiredText(map, "text", path);
            var sources = _reader.TextList(map, "sources", path, required: true);
            for (var i = 0; i < sources.Count; i++)
            {
                if (!_sources.ContainsKey(sources[i].Value))
                {
                    _reader.Error(
                        sources[i].Node,
                        $"{path}.sources[{i}]",
                        $"step cites unknown source '{sources[i].Value}' (defined: {string.Join(", ", _sources.Keys)})");
                }
            }

            if (sources.Count == 0 && _reader.Child(map, "sources", path, required: false) is not null)
            {
                _reader.Error(map, path, "a step must cite at least one source");
            }

            if (text is not null)
            {
                _steps[code] = new StepDefinition(code, text, [.. sources.Select(s => s.Value)]);
            }
        }
    }

    private List<Question> ReadQuestions(YamlMappingNode root, Locations where)
    {
        var questions = new List<Question>();
        foreach (var (map, path) in Entries(root, "questions"))
        {
            _reader.OnlyKeys(map, path, "id", "text", "why", "choices");
            var id = _reader.RequiredText(map, "id", path);
            var text = _reader.RequiredText(map, "text", path);
            var why = _reader.RequiredText(map, "why", path);
            var allowed = id is null ? null : AdviceContract.ValuesOf(id);
            if (id is not null && allowed is null)
            {
                _reader.Error(map, path, $"unknown answer key '{id}' (allowed: {string.Join(", ", AdviceContract.Answers.Select(a => a.Key))})");
            }

            var choices = ReadChoices(map, path, id, allowed);
            if (id is null || allowed is null || text is null || why is null)
            {
                continue;
            }

            if (!where.Questions.TryAdd(id, (map.Start, path)))
            {
                _reader.Error(map, path, $"duplicate question '{id}'");
                continue;
            }

            questions.Add(new Question(id, text, why, choices));
        }

        if (_reader.Child(root, "questions", "", required: false) is { } questionsNode)
        {
            foreach (var (key, _) in AdviceContract.Answers)
            {
                if (!where.Questions.ContainsKey(key))
                {
                    _reader.Error(questionsNode, "questions", $"no question for answer key '{key}'");
                }
            }
        }

        return questions;
    }

    private List<Choice> ReadChoices(YamlMappingNode question, string path, string? id, IReadOnlyList<string>? allowed)
    {
        var choices = new List<Choice>();
        if (_reader.Child(question, "choices", path) is not { } node || _reader.Sequence(node, $"{path}.choices") is not { } list)
        {
            return choices;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            var choicePath = $"{path}.choices[{i}]";
            if (_reader.Mapping(list.Children[i], choicePath) is not { } map)
            {
                continue;
            }

            _reader.OnlyKeys(map, choicePath, "value", "title", "synonyms");
            var value = _reader.RequiredText(map, "value", choicePath);
            var title = _reader.RequiredText(map, "title", choicePath);
            var synonyms = _reader.TextList(map, "synonyms", choicePath, required: false);
            if (value is not null && allowed is not null && !allowed.Contains(value, StringComparer.Ordinal))
            {
                _reader.Error(map, choicePath, $"unknown value '{value}' for '{id}' (allowed: {string.Join(", ", allowed)})");
                continue;
            }

            if (value is not null && title is not null)
            {
                choices.Add(new Choice(value, title) { Synonyms = [.. synonyms.Select(s => s.Value)] });
            }
        }

        if (allowed is not null)
        {
            foreach (var value in allowed.Where(v => !choices.Any(c => c.Value == v)))
            {
                _reader.Error(list, $"{path}.choices", $"no choice for value '{value}' of '{id}'");
            }
        }

        return choices;
    }

    private void ReadOutcomes(YamlMappingNode root, Locations where)
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

            var steps = ReadOutcomeSteps(map, path);
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

    private List<OutcomeStep> ReadOutcomeSteps(YamlMappingNode outcome, string path)
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

    private List<RulebookRule> ReadRules(YamlMappingNode root, Locations where)
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
