using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NotesGuard.Guidance.Rulebook;

/// <summary>
/// What a reviewer compares between two rulebook versions, read leniently: no contract check, so a rulebook
/// written for an older contract (2026.1 has no client or CPS outcome) can still be compared with today's.
/// Validation is <see cref="RulebookLoader"/>'s job; this only reads what is there.
/// </summary>
public sealed record RulebookOutline(
    string Version,
    IReadOnlyList<RulebookOutline.QuestionOutline> Questions,
    IReadOnlyDictionary<string, string> HandOverNotes,
    IReadOnlyList<RulebookOutline.OutcomeOutline> Outcomes,
    IReadOnlyDictionary<string, string> StepTexts,
    IReadOnlyList<ChangelogEntry> Changelog)
{
    public sealed record QuestionOutline(string Id, string Text, string Why, IReadOnlyList<(string Value, string Title)> Choices);

    /// <summary>An outcome's steps in card order; <see cref="StepOutline.When"/> is the condition as written, or "".</summary>
    public sealed record OutcomeOutline(string Id, string HandOverNotes, string Headline, IReadOnlyList<StepOutline> Steps, IReadOnlyList<string> Links);

    public sealed record StepOutline(string Code, string When);

    /// <summary>A document of the letters section: its title, the outcomes it fits, and each section's wording as written.</summary>
    public sealed record DocumentOutline(string Key, string Title, IReadOnlyList<string> Fits, IReadOnlyList<(string Id, string Text)> Sections);

    /// <summary>The letters section's documents, keyed "kind/id"; empty for a rulebook without one.</summary>
    public IReadOnlyList<DocumentOutline> Documents { get; init; } = [];

    /// <summary>Reads a rulebook file; throws <see cref="RulebookValidationException"/> when it is not a YAML rulebook at all.</summary>
    public static RulebookOutline Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw Problem(path, $"cannot read the rulebook: {ex.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Reads a rulebook's text (the shipped one, say); <paramref name="path"/> names it in errors.</summary>
    public static RulebookOutline Parse(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            // YamlDotNet reports some malformed input (e.g. a duplicate key) as other exception types.
            throw Problem(path, $"malformed YAML: {ex.Message}");
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root || Scalar(root, "version") is not { Length: > 0 } version)
        {
            throw Problem(path, "not a rulebook: expected one YAML mapping with a 'version'");
        }

        return new RulebookOutline(
            version,
            [.. Items(root, "questions").Select(q => new QuestionOutline(
                Scalar(q, "id") ?? "",
                Scalar(q, "text") ?? "",
                Scalar(q, "why") ?? "",
                [.. Items(q, "choices").Select(c => (Scalar(c, "value") ?? "", Scalar(c, "title") ?? ""))]))],
            Map(root, "handOverNotes"),
            [.. Items(root, "outcomes").Select(o => new OutcomeOutline(
                Scalar(o, "id") ?? "",
                Scalar(o, "handOverNotes") ?? "",
                Scalar(o, "headline") ?? "",
                [.. Nodes(o, "steps").Select(Step)],
                [.. Nodes(o, "links").OfType<YamlScalarNode>().Select(l => l.Value ?? "")]))],
            Child(root, "steps") is YamlMappingNode library
                ? library.Children.Where(c => c.Key is YamlScalarNode && c.Value is YamlMappingNode).ToDictionary(
                    c => ((YamlScalarNode)c.Key).Value ?? "",
                    c => Scalar((YamlMappingNode)c.Value, "text") ?? "",
                    StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal),
            [.. Items(root, "changelog").Select(e => new ChangelogEntry(
                Scalar(e, "version") ?? "",
                Scalar(e, "change") ?? "",
                [.. Nodes(e, "sources").OfType<YamlScalarNode>().Select(s => s.Value ?? "")]))])
        {
            Documents = Child(root, "letters") is YamlMappingNode letters
                ? [.. Items(letters, "documents").Select(d => new DocumentOutline(
                    $"{Scalar(d, "kind")}/{Scalar(d, "id")}",
                    Scalar(d, "title") ?? "",
                    [.. Nodes(d, "fits").OfType<YamlScalarNode>().Select(f => f.Value ?? "")],
                    [.. Items(d, "sections").Select(section => (Scalar(section, "id") ?? "", Flow(section)))]))]
                : [],
        };
    }

    private static StepOutline Step(YamlNode node) => node switch
    {
        YamlScalarNode scalar => new StepOutline(scalar.Value ?? "", ""),
        YamlMappingNode map => new StepOutline(Scalar(map, "code") ?? "", Child(map, "when") is { } when ? Flow(when) : ""),
        _ => new StepOutline("", ""),
    };

    /// <summary>A condition written back on one line, e.g. <c>{ inWriting: [no] }</c>, to compare and to show.</summary>
    private static string Flow(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode seq => "[" + string.Join(", ", seq.Children.Select(Flow)) + "]",
        YamlMappingNode map => "{ " + string.Join(", ", map.Children.Select(c => $"{Flow(c.Key)}: {Flow(c.Value)}")) + " }",
        _ => "",
    };

    private static RulebookValidationException Problem(string path, string message) =>
        new([new RulebookError(path, 0, 0, "", message)]);

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlNode> Nodes(YamlMappingNode map, string key) =>
        Child(map, key) is YamlSequenceNode seq ? seq.Children : [];

    private static IEnumerable<YamlMappingNode> Items(YamlMappingNode map, string key) => Nodes(map, key).OfType<YamlMappingNode>();

    private static Dictionary<string, string> Map(YamlMappingNode root, string key) =>
        Child(root, key) is YamlMappingNode map
            ? map.Children.Where(c => c.Key is YamlScalarNode && c.Value is YamlScalarNode).ToDictionary(
                c => ((YamlScalarNode)c.Key).Value ?? "",
                c => ((YamlScalarNode)c.Value).Value ?? "",
                StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}
