using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotesGuard.Teams.Schema;

/// <summary>
/// A JSON value already written as UTF-8 (an Adaptive Card, an invoke answer), copied into an activity as it is:
/// cards are written once with a Utf8JsonWriter instead of being built as a DOM and serialized a second time.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed class RawJson
{
    private readonly byte[] _utf8;

    public RawJson(byte[] utf8) => _utf8 = utf8;

    public ReadOnlySpan<byte> Utf8 => _utf8;

    /// <summary>The size on the wire, in bytes.</summary>
    public int Length => _utf8.Length;

    /// <summary>A JSON string value.</summary>
    public static RawJson String(string value) => new(JsonSerializer.SerializeToUtf8Bytes(value, TeamsJsonContext.Default.String));

    public string ToJsonString() => Encoding.UTF8.GetString(_utf8);

    public override string ToString() => ToJsonString();
}

/// <summary>Writes <see cref="RawJson"/> verbatim; reads any JSON value (an inbound attachment) into one.</summary>
public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(Encoding.UTF8.GetBytes(document.RootElement.GetRawText()));
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        // Written by our own Utf8JsonWriter (or read from a parsed document), so already valid JSON.
        writer.WriteRawValue(value.Utf8, skipInputValidation: true);
}
