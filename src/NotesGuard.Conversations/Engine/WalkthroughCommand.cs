namespace NotesGuard.Conversations.Engine;

/// <summary>What a person can ask for at any point of a walkthrough, typed or by button.</summary>
public enum WalkthroughCommand
{
    Help,
    Why,
    Back,
    Restart,
    Cancel,
    ForgetMe,
    NewCase,
    ShowGuidance,

    /// <summary>Show where the walkthrough stands (or start one): what a page reload or "continue" asks for.</summary>
    Resume,
}
