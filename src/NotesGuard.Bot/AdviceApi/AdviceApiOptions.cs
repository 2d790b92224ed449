namespace NotesGuard.Bot.AdviceApi;

/// <summary>POST /api/advice (configuration section "AdviceApi").</summary>
public sealed class AdviceApiOptions
{
    public const string SectionName = "AdviceApi";

    /// <summary>The largest answers document accepted, in bytes; larger bodies get 413.</summary>
    public int MaxRequestBytes { get; set; } = 16 * 1024;
}
