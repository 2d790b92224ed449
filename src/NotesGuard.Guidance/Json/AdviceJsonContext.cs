using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotesGuard.Guidance.Json;

/// <summary>Source-generated serializers for the contract's shapes: no reflection per turn.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Advice))]
[JsonSerializable(typeof(NextQuestionDocument))]
internal sealed partial class AdviceJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Apostrophes and accents are common in the guidance; write them as themselves rather than \u0027 so the
    /// JSON stays readable. Consumers parse it as JSON; nobody pastes it into HTML unencoded.
    /// </summary>
    public static AdviceJsonContext Readable { get; } = new(ReadableOptions(indented: false));

    public static AdviceJsonContext ReadableIndented { get; } = new(ReadableOptions(indented: true));

    private static JsonSerializerOptions ReadableOptions(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = indented,
    };
}
