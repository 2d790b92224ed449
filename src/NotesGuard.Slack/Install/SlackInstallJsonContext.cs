using System.Text.Json.Serialization;

namespace NotesGuard.Slack.Install;

[JsonSerializable(typeof(SlackInstallation))]
internal sealed partial class SlackInstallJsonContext : JsonSerializerContext;
