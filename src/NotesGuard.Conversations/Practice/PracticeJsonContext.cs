using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotesGuard.Conversations.Practice;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<DirectoryEntry>))]
[JsonSerializable(typeof(List<AuditEntry>))]
[JsonSerializable(typeof(BroadcastReceipt))]
[JsonSerializable(typeof(BroadcastRequest))]
[JsonSerializable(typeof(ShareRecord))]
internal sealed partial class PracticeJsonContext : JsonSerializerContext;
