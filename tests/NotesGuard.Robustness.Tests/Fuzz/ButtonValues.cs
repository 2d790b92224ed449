using System.Text.Json.Nodes;

namespace NotesGuard.Robustness.Tests.Fuzz;

/// <summary>
/// Button values the bot really sent (harvested from its answers), replayed into other conversations and mutated
/// field by field, so forged and stale clicks reach the engine's button decoding, not only the JSON parser.
/// </summary>
internal sealed class ButtonValues(Junk junk)
{
    private readonly List<string> _seen = [];

    public void Harvest(string json)
    {
        // Every string value that looks like a NotesGuard button ("ng1|…").
        var start = 0;
        while ((start = json.IndexOf("ng1|", start, StringComparison.Ordinal)) >= 0)
        {
            var end = json.IndexOf('"', start);
            if (end < 0)
            {
                break;
            }

            var value = json[start..end];
            lock (_seen)
            {
                if (_seen.Count < 500 && !value.Contains('\\', StringComparison.Ordinal))
                {
                    _seen.Add(value);
                }
            }

            start = end;
        }
    }

    public string Next()
    {
        string? seen;
        lock (_seen)
        {
            seen = _seen.Count == 0 ? null : junk.Pick(_seen);
        }

        if (seen is null || junk.Chance(0.15))
        {
            return "ng1|" + string.Join('|', Enumerable.Range(0, junk.Random.Next(0, 9)).Select(_ => junk.String()));
        }

        if (junk.Chance(0.4))
        {
            return seen;
        }

        var parts = seen.Split('|');
        parts[junk.Random.Next(parts.Length)] = junk.Chance(0.5) ? junk.String() : Uri.EscapeDataString(junk.String());
        return string.Join('|', parts);
    }

    public static JsonNode? Value(string value) => JsonValue.Create(value);
}
