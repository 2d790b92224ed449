using NotesGuard.Guidance;

namespace NotesGuard.Cli.Walkthrough;

/// <summary>What the person chose: a choice, or one of the walkthrough commands.</summary>
internal enum ReplyKind
{
    Choice,
    Why,
    Back,
    Restart,
    Quit,
    NotRecognised,
}

internal readonly record struct Reply(ReplyKind Kind, Choice? Choice = null);
