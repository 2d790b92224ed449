using System.Globalization;
using System.Text.RegularExpressions;
using NotesGuard.Guidance.Letters;
using YamlDotNet.RepresentationModel;

namespace NotesGuard.Guidance.Rulebook;

/// <summary>
/// Reading the <c>letters</c> section (issue 14): every document's kind, outcomes, sections, placeholders and
/// sources are checked here, so <c>notesguard rulebook check</c> names the line of any mistake.
/// </summary>
internal sealed partial class RulebookParser
{
    private const string ChiefInspectorWording = "cleared at Chief Inspector level";

    [GeneratedRegex(@"\{([^{}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    // Seven or more digits in a run (spaces and dashes allowed between them): a phone number, which no document may ship.
    [GeneratedRegex(@"\d(?:[\s-]?\d){6,}", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneLikePattern();

    private LetterBook ReadLetters(YamlMappingNode root)
    {
        if (_reader.Child(root, "letters", "", required: false) is not { } node || _reader.Mapping(node, "letters") is not { } letters)
        {
            return LetterBook.Empty;
        }

        _reader.OnlyKeys(letters, "letters", "blanks", "requesters", "footer", "documents");
        var blanks = ReadTextMap(letters, "blanks");
        foreach (var id in LetterContract.FallbackBlanks.Where(id => !blanks.ContainsKey(id)))
        {
            _reader.Error(letters, "letters.blanks", $"missing blank '{id}' (used when the setting or answer it stands for is not known)");
        }

        var requesters = ReadTextMap(letters, "requesters");
        var requesterValues = AdviceContract.ValuesOf("requester") ?? [];
        foreach (var code in requesters.Keys.Where(c => !requesterValues.Contains(c, StringComparer.Ordinal)))
        {
            _reader.Error(letters, "letters.requesters", $"unknown requester '{code}' (allowed: {string.Join(", ", requesterValues)})");
        }

        var footerNode = _reader.Child(letters, "footer", "letters");
        var footer = _reader.RequiredText(letters, "footer", "letters") ?? "";
        if (footerNode is not null)
        {
            CheckLetterText(footerNode, "letters.footer", footer, blanks);
        }

        var templates = new List<LetterTemplate>();
        foreach (var (map, path) in Entries(letters, "documents").Select(e => (e.Map, $"letters.{e.Path}")))
        {
            if (ReadLetterTemplate(map, path, blanks) is { } template)
            {
                if (templates.Any(t => t.Kind == template.Kind && t.Id == template.Id))
                {
                    _reader.Error(map, path, $"duplicate document '{template.Kind}/{template.Id}'");
                    continue;
                }

                if (templates.FirstOrDefault(t => t.Kind == template.Kind && t.Fits.Intersect(template.Fits).Any()) is { } clash)
                {
                    _reader.Error(map, path, $"'{template.Id}' and '{clash.Id}' both fit outcome '{clash.Fits.Intersect(template.Fits).First()}': at most one {template.Kind} may fit an outcome");
                }

                templates.Add(template);
            }
        }

        foreach (var kind in LetterContract.Kinds.Where(k => templates.All(t => t.Kind != k)))
        {
            _reader.Error(letters, "letters.documents", $"no document of kind '{kind}'");
        }

        foreach (var variant in LetterContract.ReplyVariants.Where(v => templates.All(t => t.Kind != LetterContract.Reply || t.Id != v)))
        {
            _reader.Error(letters, "letters.documents", $"missing reply '{variant}'");
        }

        return new LetterBook(blanks, requesters, footer, templates);
    }

    private Dictionary<string, string> ReadTextMap(YamlMappingNode letters, string key)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_reader.Child(letters, key, "letters") is not { } node || _reader.Mapping(node, $"letters.{key}") is not { } map)
        {
            return values;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            var id = (keyNode as YamlScalarNode)?.Value ?? "";
            var path = $"letters.{key}.{id}";
            if (_reader.Text(valueNode, path) is not { } text)
            {
                continue;
            }

            if (key == "blanks" && !(text.StartsWith('[') && text.EndsWith(']') && text.Length > 2))
            {
                _reader.Error(valueNode, path, $"a blank is shown in square brackets, e.g. \"[Date]\", not '{text}'");
            }

            values[id] = text;
        }

        return values;
    }

    private LetterTemplate? ReadLetterTemplate(YamlMappingNode map, string path, IReadOnlyDictionary<string, string> blanks)
    {
        _reader.OnlyKeys(map, path, "kind", "id", "title", "fits", "sections");
        var kind = _reader.RequiredText(map, "kind", path);
        var id = _reader.RequiredText(map, "id", path);
        var title = _reader.RequiredText(map, "title", path);
        if (kind is not null && !LetterContract.Kinds.Contains(kind, StringComparer.Ordinal))
        {
            _reader.Error(map, path, $"unknown kind '{kind}' (allowed: {string.Join(", ", LetterContract.Kinds)})");
            kind = null;
        }

        if (kind == LetterContract.Reply && id is not null && !LetterContract.ReplyVariants.Contains(id, StringComparer.Ordinal))
        {
            _reader.Error(map, path, $"unknown reply '{id}' (allowed: {string.Join(", ", LetterContract.ReplyVariants)})");
        }

        var fits = new List<string>();
        foreach (var (outcome, node) in _reader.TextList(map, "fits", path, required: true))
        {
            if (!AdviceContract.Outcomes.Contains(outcome, StringComparer.Ordinal))
            {
                _reader.Error(node, $"{path}.fits", $"unknown outcome '{outcome}' (allowed: {string.Join(", ", AdviceContract.Outcomes)})");
            }
            else
            {
                fits.Add(outcome);
            }
        }

        var sections = ReadLetterSections(map, path, blanks);
        if (kind is not null)
        {
            foreach (var required in LetterContract.RequiredSections[kind].Where(r => sections.All(s => s.Id != r)))
            {
                _reader.Error(map, path, $"missing required section '{required}' (a {kind} needs: {string.Join(", ", LetterContract.RequiredSections[kind])})");
            }

            var used = sections.SelectMany(s => s.Paragraphs.Select(p => p.Text).Append(s.Heading ?? "")).SelectMany(Placeholders).ToHashSet(StringComparer.Ordinal);
            foreach (var required in LetterContract.RequiredBlanks[kind].Where(b => !used.Contains(b)))
            {
                _reader.Error(map, path, $"missing required blank '{{{required}}}' (a {kind} must leave it for the therapist to fill)");
            }
        }

        return kind is null || id is null || title is null ? null : new LetterTemplate(kind, id, title, fits, sections);
    }

    private List<LetterSection> ReadLetterSections(YamlMappingNode map, string path, IReadOnlyDictionary<string, string> blanks)
    {
        var sections = new List<LetterSection>();
        if (_reader.Child(map, "sections", path) is not { } node || _reader.Sequence(node, $"{path}.sections") is not { } list)
        {
            return sections;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            var sectionPath = $"{path}.sections[{i}]";
            if (_reader.Mapping(list.Children[i], sectionPath) is not { } section)
            {
                continue;
            }

            _reader.OnlyKeys(section, sectionPath, "id", "heading", "paragraphs", "table");
            var id = _reader.RequiredText(section, "id", sectionPath);
            var heading = _reader.OptionalText(section, "heading", sectionPath);
            if (heading is not null)
            {
                CheckLetterText(section.Children[new YamlScalarNode("heading")], $"{sectionPath}.heading", heading, blanks);
            }

            var paragraphs = ReadLetterParagraphs(section, sectionPath, blanks);
            var table = ReadLetterTable(section, sectionPath);
            if (paragraphs.Count == 0 && table is null)
            {
                _reader.Error(section, sectionPath, "a section needs paragraphs or a table");
            }

            if (id is not null)
            {
                if (sections.Any(s => s.Id == id))
                {
                    _reader.Error(section, sectionPath, $"duplicate section '{id}'");
                }

                sections.Add(new LetterSection(id, heading, paragraphs, table));
            }
        }

        return sections;
    }

    private List<LetterParagraph> ReadLetterParagraphs(YamlMappingNode section, string path, IReadOnlyDictionary<string, string> blanks)
    {
        var paragraphs = new List<LetterParagraph>();
        if (_reader.Child(section, "paragraphs", path, required: false) is not { } node || _reader.Sequence(node, $"{path}.paragraphs") is not { } list)
        {
            return paragraphs;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            var itemPath = $"{path}.paragraphs[{i}]";
            var item = list.Children[i];
            string? text;
            var sources = new List<string>();
            if (item is YamlMappingNode map)
            {
                // A paragraph that asserts law is a mapping, so that it cannot be written without its sources.
                _reader.OnlyKeys(map, itemPath, "text", "sources");
                text = _reader.RequiredText(map, "text", itemPath);
                var listed = _reader.TextList(map, "sources", itemPath, required: true);
                if (listed.Count == 0)
                {
                    _reader.Error(map, itemPath, "a paragraph written with 'text:' must name at least one source (write plain text for one that asserts nothing)");
                }

                foreach (var (source, sourceNode) in listed)
                {
                    if (!_sources.TryGetValue(source, out var definition))
                    {
                        _reader.Error(sourceNode, $"{itemPath}.sources", $"unknown source '{source}'");
                    }
                    else if (definition.Confidence == "L")
                    {
                        _reader.Error(sourceNode, $"{itemPath}.sources", $"source '{source}' is unverified (confidence L) and cannot support a document");
                    }
                    else
                    {
                        sources.Add(source);
                    }
                }
            }
            else
            {
                text = _reader.Text(item, itemPath);
            }

            if (text is not null)
            {
                CheckLetterText(item, itemPath, text, blanks);
                paragraphs.Add(new LetterParagraph(text, sources));
            }
        }

        return paragraphs;
    }

    private LetterTable? ReadLetterTable(YamlMappingNode section, string path)
    {
        if (_reader.Child(section, "table", path, required: false) is not { } node || _reader.Mapping(node, $"{path}.table") is not { } table)
        {
            return null;
        }

        var tablePath = $"{path}.table";
        _reader.OnlyKeys(table, tablePath, "columns", "rows");
        var columns = _reader.TextList(table, "columns", tablePath, required: true).Select(c => c.Value).ToList();
        var rowsText = _reader.RequiredText(table, "rows", tablePath);
        if (!int.TryParse(rowsText, NumberStyles.None, CultureInfo.InvariantCulture, out var rows) || rows is < 1 or > 100 || columns.Count is < 1 or > 10)
        {
            _reader.Error(table, tablePath, "a table needs 1 to 10 columns and 1 to 100 rows");
            return null;
        }

        return new LetterTable(columns, rows);
    }

    /// <summary>Placeholders must be known, Chief Inspector clearance worded exactly, and no phone number may appear.</summary>
    private void CheckLetterText(YamlNode node, string path, string text, IReadOnlyDictionary<string, string> blanks)
    {
        foreach (var name in Placeholders(text))
        {
            var known = blanks.ContainsKey(name)
                || name is LetterContract.RulebookVersion
                || (name.StartsWith(LetterContract.LinkPrefix, StringComparison.Ordinal) && _links.ContainsKey(name[LetterContract.LinkPrefix.Length..]));
            if (!known)
            {
                _reader.Error(node, path, $"unknown placeholder '{{{name}}}' (a blank from letters.blanks, {{{LetterContract.RulebookVersion}}} or {{{LetterContract.LinkPrefix}LINK-ID}})");
            }
        }

        if (PlaceholderPattern().Replace(text, "").IndexOfAny(['{', '}']) >= 0)
        {
            _reader.Error(node, path, "unbalanced '{' or '}'");
        }

        if (text.Contains("Chief Inspector", StringComparison.OrdinalIgnoreCase)
            && (!text.Contains(ChiefInspectorWording, StringComparison.Ordinal) || text.Contains("at least", StringComparison.OrdinalIgnoreCase)))
        {
            _reader.Error(node, path, $"say \"{ChiefInspectorWording}\" exactly (the Code's wording was not verified: no rank rule, no 'at least')");
        }

        if (PhoneLikePattern().IsMatch(text))
        {
            _reader.Error(node, path, "looks like a phone number: documents never ship one (the practice's helplines are settings)");
        }
    }

    private static IEnumerable<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value);
}
