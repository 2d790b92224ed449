using System.Text.Json.Serialization;

namespace NotesGuard.Conversations.State;

/// <summary>Source-generated serialization of stored state: no reflection per turn.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WalkthroughState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
