using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotesGuard.Conformance.Tests.Operations;

/// <summary>What an ARM template (JSON) declares, and the parameters()/variables() its expressions use.</summary>
internal sealed partial class ArmTemplate(JsonObject template)
{
    public static ArmTemplate Parse(string json) => new(JsonNode.Parse(json)!.AsObject());

    public IReadOnlyCollection<string> Parameters => Names("parameters");

    public IReadOnlyCollection<string> Variables => Names("variables");

    public IReadOnlyCollection<string> Outputs => Names("outputs");

    public JsonObject Parameter(string name) => template["parameters"]![name]!.AsObject();

    /// <summary>"type@apiVersion", with " (conditional)" for resources deployed only on a condition; sorted.</summary>
    public IReadOnlyList<string> Resources =>
        [.. (template["resources"]?.AsArray() ?? []).Select(r => r!.AsObject())
            .Select(r => $"{r["type"]}@{r["apiVersion"]}{(r.ContainsKey("condition") ? " (conditional)" : "")}")
            .Order(StringComparer.Ordinal)];

    /// <summary>Every parameters('x') and variables('y') in the template's expressions that names nothing declared.</summary>
    public IReadOnlyList<string> UnresolvedReferences()
    {
        var unresolved = new List<string>();
        foreach (var expression in Expressions(template))
        {
            foreach (Match m in Reference().Matches(expression))
            {
                var declared = m.Groups["kind"].Value == "parameters" ? Parameters : Variables;
                if (!declared.Contains(m.Groups["name"].Value))
                {
                    unresolved.Add(m.Value);
                }
            }
        }

        return unresolved;
    }

    /// <summary>Parameters no expression uses: in a hand-written template, a sign that a setting was forgotten.</summary>
    public IReadOnlyList<string> UnusedParameters()
    {
        var used = Expressions(template).SelectMany(e => Reference().Matches(e))
            .Where(m => m.Groups["kind"].Value == "parameters").Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        return [.. Parameters.Where(p => !used.Contains(p))];
    }

    private HashSet<string> Names(string section) =>
        template[section]?.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal) ?? [];

    // An ARM expression is a string value (or a property name) in [brackets]; "[[" escapes a literal bracket.
    private static IEnumerable<string> Expressions(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Expressions(p.Value).Concat(IsExpression(p.Key) ? [p.Key] : [])),
        JsonArray a => a.SelectMany(Expressions),
        JsonValue v when v.TryGetValue<string>(out var s) && IsExpression(s) => [s],
        _ => [],
    };

    private static bool IsExpression(string s) => s.StartsWith('[') && !s.StartsWith("[[", StringComparison.Ordinal) && s.EndsWith(']');

    [GeneratedRegex(@"\b(?<kind>parameters|variables)\(\s*'(?<name>[^']*)'\s*\)")]
    private static partial Regex Reference();
}
