using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotesGuard.Bot.WebChat;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WebChatTurnRequest))]
[JsonSerializable(typeof(WebChatTurnResponse))]
internal sealed partial class WebChatJsonContext : JsonSerializerContext;
