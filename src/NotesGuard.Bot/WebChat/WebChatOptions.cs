namespace NotesGuard.Bot.WebChat;

/// <summary>The local web chat (configuration section "WebChat").</summary>
public sealed class WebChatOptions
{
    public const string SectionName = "WebChat";

    /// <summary>On in Development when not set; elsewhere only when set to true.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The largest request body /chat/turn accepts, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 16 * 1024;
}
