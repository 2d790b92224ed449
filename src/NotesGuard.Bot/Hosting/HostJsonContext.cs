using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotesGuard.Bot.Hosting;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
