namespace NotesGuard.Slack.Rendering;

/// <summary>Slack's Block Kit limits (shared/protocols.md); the renderer splits or shortens to stay inside them.</summary>
public static class BlockKitLimits
{
    public const int MessageBlocks = 50;
    public const int ViewBlocks = 100;
    public const int SectionText = 3000;
    public const int HeaderText = 150;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int Id = 255;
    public const int ActionsElements = 25;
    public const int ContextElements = 10;
    public const int ContextElementText = 2000;
    public const int Url = 3000;
    public const int ModalTitle = 24;
    public const int PrivateMetadata = 3000;

    /// <summary>The notification fallback; Slack truncates very long ones, we keep it short and readable.</summary>
    public const int FallbackText = 3000;
}
