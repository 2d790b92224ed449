using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NotesGuard.Guidance.Rulebook;

/// <summary>
/// Reads the YAML representation model and records every problem with its line, column and path, so
/// that a reviewer editing the file is told exactly where to look.
/// </summary>
internal sealed class RulebookYamlReader(string file)
{
    private readonly List<RulebookError> _errors = [];

    public string File { get; } = file;

    public IReadOnlyList<RulebookError> Errors => _errors;

    public void Error(YamlNode node, string path, string message) => Error(node.Start, path, message);

    public void Error(Mark mark, string path, string message) =>
        _errors.Add(new RulebookError(File, (int)mark.Line, (int)mark.Column, path, message));

    public YamlMappingNode? Mapping(YamlNode node, string path)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Error(node, path, "expected a mapping (key: value lines)");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string path)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        Error(node, path, "expected a list");
        return null;
    }

    public string? Text(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } value })
        {
            return value;
        }

        Error(node, path, "expected a single value");
        return null;
    }

    /// <summary>The child node under <paramref name="key"/>; records "missing" when required and absent.</summary>
    public YamlNode? Child(YamlMappingNode map, string key, string path, bool required = true)
    {
        if (map.Children.TryGetValue(new YamlScalarNode(key), out var child))
        {
            return child;
        }

        if (required)
        {
            Error(map, path, $"missing '{key}'");
        }

        return null;
    }

    /// <summary>A required non-empty text field of a mapping.</summary>
    public string? RequiredText(YamlMappingNode map, string key, string path)
    {
        var node = Child(map, key, path);
        if (node is null)
        {
            return null;
        }

        var text = Text(node, Join(path, key));
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            Error(node, Join(path, key), $"'{key}' must not be empty");
            return null;
        }

        return text;
    }

    public string? OptionalText(YamlMappingNode map, string key, string path)
    {
        var node = Child(map, key, path, required: false);
        return node is null ? null : Text(node, Join(path, key));
    }

    /// <summary>A list of single values, e.g. <c>[a, b]</c>; absent means empty.</summary>
    public IReadOnlyList<(string Value, YamlNode Node)> TextList(YamlMappingNode map, string key, string path, bool required)
    {
        var node = Child(map, key, path, required);
        if (node is null || Sequence(node, Join(path, key)) is not { } sequence)
        {
            return [];
        }

        var values = new List<(string, YamlNode)>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (Text(sequence.Children[i], $"{Join(path, key)}[{i}]") is { } value)
            {
                values.Add((value, sequence.Children[i]));
            }
        }

        return values;
    }

    /// <summary>Flags any key outside <paramref name="allowed"/>, which is usually a typo that would be silently ignored.</summary>
    public void OnlyKeys(YamlMappingNode map, string path, params string[] allowed)
    {
        foreach (var (keyNode, _) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                Error(keyNode, path, $"unknown field '{key}' (allowed: {string.Join(", ", allowed)})");
            }
        }
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
