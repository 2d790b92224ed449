using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NotesGuard.Guidance.Rulebook;

/// <summary>
/// Turns the YAML tree into rulebook parts and checks every code against <see cref="AdviceContract"/>
/// and every reference (step → source, outcome → link, rule → outcome) against the file itself.
/// </summary>
internal sealed partial class RulebookParser
{
    private static readonly string[] TopLevelKeys =
    [
        "version", "effectiveDate", "lastReviewed", "disclaimer", "helplineInstruction", "doNow",
        "handOverNotes", "questions", "rules", "outcomes", "steps", "letters", "links", "sources", "changelog",
    ];

    private static readonly string[] Confidences = ["H", "M", "L"];

    private readonly RulebookYamlReader _reader;
    private readonly Dictionary<string, SourceDefinition> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AdviceLink> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StepDefinition> _steps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OutcomeDefinition> _outcomes = new(StringComparer.Ordinal);

    private RulebookParser(RulebookYamlReader reader) => _reader = reader;

    public static (RulebookDocument? Document, RulebookLocations Where, IReadOnlyList<RulebookError> Errors) Parse(string yaml, string file)
    {
        var reader = new RulebookYamlReader(file);
        var where = new RulebookLocations();
        var stream = new YamlStream();
        var parser = new PositionTrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            reader.Error(ex.Start, "", $"malformed YAML: {ex.Message}");
            return (null, where, reader.Errors);
        }
        catch (InvalidOperationException ex)
        {
            reader.Error(parser.LastGoodPosition, "", $"malformed YAML after this point: {ex.Message}");
            return (null, where, reader.Errors);
        }

        if (stream.Documents.Count != 1)
        {
            reader.Error(new Mark(), "", "expected exactly one YAML document");
            return (null, where, reader.Errors);
        }

        var document = new RulebookParser(reader).ReadDocument(stream.Documents[0].RootNode, where);
        return (reader.Errors.Count == 0 ? document : null, where, reader.Errors);
    }

    private RulebookDocument? ReadDocument(YamlNode rootNode, RulebookLocations where)
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
        var doNow = ReadDoNow(root);
        var handOverLabels = ReadHandOverNotesLabels(root);

        ReadSources(root);
        ReadLinks(root);
        ReadSteps(root);
        var letters = ReadLetters(root);
        var questions = ReadQuestions(root, where);
        ReadOutcomes(root, where);
        var rules = ReadRules(root, where);
        var changelog = ReadChangelog(root);

        if (version is null || effective is null || reviewed is null || disclaimer is null || helpline is null || doNow is null || handOverLabels is null)
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
            doNow.Value,
            handOverLabels,
            questions,
            rules,
            [.. _outcomes.Values],
            _steps,
            [.. _links.Values],
            [.. _sources.Values],
            changelog)
        {
            Letters = letters,
        };
    }

    /// <summary>How many leading steps each card shows under "Do now": the contract allows 1 to 3.</summary>
    private int? ReadDoNow(YamlMappingNode root)
    {
        if (_reader.RequiredText(root, "doNow", "") is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= AdviceContract.MaxDoNowSteps)
        {
            return count;
        }

        _reader.Error(
            root.Children[new YamlScalarNode("doNow")],
            "doNow",
            $"'{text}' is not a number of 'Do now' steps from 1 to {AdviceContract.MaxDoNowSteps} (the advice contract allows at most {AdviceContract.MaxDoNowSteps})");
        return null;
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
}
