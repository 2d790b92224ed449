using YamlDotNet.RepresentationModel;

namespace NotesGuard.Guidance.Rulebook;

/// <summary>Reading the sources, links and step library, which the rest of the file refers to.</summary>
internal sealed partial class RulebookParser
{
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

            // A bad URL is reported here; the link is still kept so outcomes naming it do not add follow-on errors.
            if (url is not null)
            {
                CheckHttps(map, path, url);
            }

            if (id is not null && title is not null && url is not null && !_links.TryAdd(id, new AdviceLink(id, title, url)))
            {
                _reader.Error(map, path, $"duplicate link id '{id}'");
            }
        }
    }

    private void CheckHttps(YamlMappingNode map, string path, string url)
    {
        if (!(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0))
        {
            _reader.Error(map.Children[new YamlScalarNode("url")], RulebookYamlReader.Join(path, "url"), $"'{url}' is not an https URL");
        }
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

            if (text is not null && text.Trim().Length > RulebookLimits.MaxStepTextLength)
            {
                _reader.Error(
                    map.Children[new YamlScalarNode("text")],
                    $"{path}.text",
                    $"step text is {text.Trim().Length} characters; keep it to one or two plain sentences of at most {RulebookLimits.MaxStepTextLength}");
            }

            if (text is not null)
            {
                _steps[code] = new StepDefinition(code, text, [.. sources.Select(s => s.Value)]);
            }
        }
    }

    /// <summary>The optional changelog: per entry the version it belongs to, what changed, and the sources behind it.</summary>
    private List<ChangelogEntry> ReadChangelog(YamlMappingNode root)
    {
        var entries = new List<ChangelogEntry>();
        if (_reader.Child(root, "changelog", "", required: false) is null)
        {
            return entries;
        }

        foreach (var (map, path) in Entries(root, "changelog"))
        {
            _reader.OnlyKeys(map, path, "version", "change", "sources");
            var version = _reader.RequiredText(map, "version", path);
            var change = _reader.RequiredText(map, "change", path);
            var sources = _reader.TextList(map, "sources", path, required: true);
            for (var i = 0; i < sources.Count; i++)
            {
                if (!_sources.ContainsKey(sources[i].Value))
                {
                    _reader.Error(sources[i].Node, $"{path}.sources[{i}]", $"changelog entry cites unknown source '{sources[i].Value}'");
                }
            }

            if (sources.Count == 0 && _reader.Child(map, "sources", path, required: false) is not null)
            {
                _reader.Error(map, path, "a changelog entry must cite at least one source");
            }

            if (version is not null && change is not null)
            {
                entries.Add(new ChangelogEntry(version, change.Trim(), [.. sources.Select(s => s.Value)]));
            }
        }

        return entries;
    }
}
