using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace NotesGuard.Robustness.Tests.Fuzz;

/// <summary>
/// The bad-input vocabulary: odd strings, wrong-typed JSON values, and mutations of a valid document (a field
/// dropped, retyped or made huge; the bytes truncated, nested ten thousand deep, or made invalid UTF-8).
/// Every choice comes from the given Random, so a seed replays the same inputs.
/// </summary>
internal sealed class Junk(Random random)
{
    private static readonly string[] OddStrings =
    [
        "", " ", "\0", "\u0000\u0001\u001f", "\t\r\n", "null", "undefined", "NaN", "-1", "0", "1e309", "true",
        "a|b|c", "||", "msteams-ref", "slack-install", "../../etc/passwd", "%00", "%ZZ", "<at>x</at>", "<@U0NOTESGUARD>",
        "<script>alert(1)</script>", "'; DROP TABLE state; --", "{\"a\":1}", "[]", "\ud83d\ude00", "e\u0301", "\u202e\u2066",
        "\ufeff", "\uffff", "ΩЖ漢字", "forget me", "restart", "back", "help", "cancel", "new case", "why", "1", "2", "99",
        "yes", "no", "england-wales", "police", "a:b:c", "v0=", "answer:jurisdiction:england-wales",
    ];

    private static readonly string[] MediaTypes =
    [
        "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
        "application/json; charset=utf-16", "application/json; charset=latin1", "application/octet-stream", "*/*", "application/",
        ";;;", "application/json", "application/problem+json", "text/json",
    ];

    public Random Random => random;

    public bool Chance(double probability) => random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public string MediaType() => Pick(MediaTypes);

    public string String()
    {
        return random.Next(6) switch
        {
            0 => Pick(OddStrings),
            1 => new string('x', random.Next(1, 5000)),
            2 => RandomChars(random.Next(1, 64)),
            3 => RandomChars(random.Next(1, 8)) + Pick(OddStrings) + RandomChars(random.Next(1, 8)),
            4 => new string((char)random.Next(0xD800, 0xDFFF), random.Next(1, 4)),
            _ => random.Next().ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Any JSON value, of any type, nested a little.</summary>
    public JsonNode? Value(int depth = 0)
    {
        var kind = random.Next(depth > 3 ? 6 : 8);
        return kind switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(random.Next(int.MinValue, int.MaxValue)),
            3 => JsonValue.Create(random.NextDouble() * Math.Pow(10, random.Next(-300, 300))),
            4 => JsonValue.Create(String()),
            5 => JsonValue.Create(Pick(OddStrings)),
            6 => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => Value(depth + 1))]),
            _ => Object(depth + 1),
        };
    }

    private JsonObject Object(int depth)
    {
        var o = new JsonObject();
        for (var i = random.Next(4); i > 0; i--)
        {
            o[String()] = Value(depth);
        }

        return o;
    }

    /// <summary>Changes one thing in a copy of the document: a field's presence, type or size.</summary>
    public JsonNode MutateTree(JsonNode document)
    {
        var copy = document.DeepClone();
        var containers = Containers(copy).ToList();
        var target = Pick(containers);
        switch (target)
        {
            case JsonObject o when o.Count > 0:
                var key = Pick(o.Select(p => p.Key).ToList());
                switch (random.Next(5))
                {
                    case 0:
                        o.Remove(key);
                        break;
                    case 1:
                        o[key] = Value();
                        break;
                    case 2:
                        o[key] = Pick(OddStrings);
                        break;
                    case 3:
                        o[key] = new string('y', random.Next(1000, 300_000));
                        break;
                    default:
                        o[String()] = Value();
                        break;
                }

                break;
            case JsonArray a:
                if (a.Count > 0 && Chance(0.5))
                {
                    a[random.Next(a.Count)] = Value();
                }
                else
                {
                    a.Add(Value());
                }

                break;
            case JsonObject empty:
                empty[String()] = Value();
                break;
        }

        return copy;
    }

    /// <summary>Damages the serialised bytes: truncation, invalid UTF-8, deep nesting, duplicates, or not JSON at all.</summary>
    public byte[] MutateBytes(byte[] json)
    {
        switch (random.Next(9))
        {
            case 0:
                return json[..random.Next(json.Length)];
            case 1:
                return InsertInvalidUtf8(json);
            case 2:
                return Encoding.UTF8.GetBytes(Deep(random.Next(65, 20_000)));
            case 3:
                // A duplicated key: the second copy disagrees with the first.
                var text = Encoding.UTF8.GetString(json);
                var brace = text.IndexOf('{', StringComparison.Ordinal);
                return brace < 0 ? json : Encoding.UTF8.GetBytes(text.Insert(brace + 1, "\"type\":\"message\",\"type\":7,"));
            case 4:
                return Encoding.UTF8.GetBytes(Pick(["null", "[]", "7", "\"text\"", "true", "{}", "{", "}", "[{}]", "{\"a\":}", "\u0000", " "]));
            case 5:
                var flipped = (byte[])json.Clone();
                for (var i = random.Next(1, 6); i > 0 && flipped.Length > 0; i--)
                {
                    flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                }

                return flipped;
            case 6:
                return Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(json));
            case 7:
                return [.. "\uFEFF"u8.ToArray(), .. json];
            default:
                return Encoding.UTF8.GetBytes("/* comment */" + Encoding.UTF8.GetString(json) + ",");
        }
    }

    /// <summary>Bytes that are not UTF-8 (lone continuation bytes, overlongs, surrogates encoded directly) inside a string.</summary>
    public byte[] InsertInvalidUtf8(byte[] json)
    {
        byte[][] bad = [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x80], [0xFF, 0xFE], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]];
        var quote = Array.IndexOf(json, (byte)'"', random.Next(Math.Max(1, json.Length)));
        var at = quote < 0 ? random.Next(json.Length + 1) : quote + 1;
        return [.. json[..at], .. Pick(bad), .. json[at..]];
    }

    public static string Deep(int depth) =>
        string.Concat(Enumerable.Repeat("{\"a\":[", depth)) + "1" + string.Concat(Enumerable.Repeat("]}", depth));

    public string RandomChars(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(4) switch
            {
                0 => (char)random.Next(0, 32),
                1 => (char)random.Next(32, 127),
                2 => (char)random.Next(0x80, 0x800),
                _ => (char)random.Next(0x800, 0xFFFF),
            });
        }

        return builder.ToString();
    }

    private static IEnumerable<JsonNode> Containers(JsonNode node)
    {
        if (node is JsonObject o)
        {
            yield return o;
            foreach (var child in o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Containers))
            {
                yield return child;
            }
        }
        else if (node is JsonArray a)
        {
            yield return a;
            foreach (var child in a.OfType<JsonNode>().SelectMany(Containers))
            {
                yield return child;
            }
        }
    }
}
