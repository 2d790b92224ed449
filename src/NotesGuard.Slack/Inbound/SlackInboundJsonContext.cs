using System.Text.Json.Serialization;

namespace NotesGuard.Slack.Inbound;

/// <summary>Source-generated parsing of what Slack sends (snake_case on the wire); no reflection per request.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SlackEventEnvelope))]
[JsonSerializable(typeof(SlackInteraction))]
[JsonSerializable(typeof(Rendering.ReviewModalMetadata))]
internal sealed partial class SlackInboundJsonContext : JsonSerializerContext;
