using System.Text.Json.Serialization;

namespace NotesGuard.Guidance.Json;

/// <summary>Source-generated serializers for the contract's shapes: no reflection per turn.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Advice))]
[JsonSerializable(typeof(NextQuestionDocument))]
internal sealed partial class AdviceJsonContext : JsonSerializerContext;

/// <summary>The same shapes, indented for people reading the CLI's output.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Advice))]
[JsonSerializable(typeof(NextQuestionDocument))]
internal sealed partial class IndentedAdviceJsonContext : JsonSerializerContext;
