using NotesGuard.Conversations.Prompts;

namespace NotesGuard.Conversations.Engine;

/// <summary>Typed commands ("help", "go back", "forget me"…), recognised before the text is tried as an answer.</summary>
public static class CommandRecognizer
{
    private static readonly Dictionary<string, WalkthroughCommand> Phrases = new(StringComparer.Ordinal)
    {
        ["help"] = WalkthroughCommand.Help,
        ["menu"] = WalkthroughCommand.Help,
        ["commands"] = WalkthroughCommand.Help,
        ["what can i say"] = WalkthroughCommand.Help,
        ["why"] = WalkthroughCommand.Why,
        ["why do you ask"] = WalkthroughCommand.Why,
        ["why do you need to know"] = WalkthroughCommand.Why,
        ["why am i asked this"] = WalkthroughCommand.Why,
        ["why does this matter"] = WalkthroughCommand.Why,
        ["back"] = WalkthroughCommand.Back,
        ["go back"] = WalkthroughCommand.Back,
        ["previous"] = WalkthroughCommand.Back,
        ["undo"] = WalkthroughCommand.Back,
        ["restart"] = WalkthroughCommand.Restart,
        ["start again"] = WalkthroughCommand.Restart,
        ["start over"] = WalkthroughCommand.Restart,
        ["reset"] = WalkthroughCommand.Restart,
        ["cancel"] = WalkthroughCommand.Cancel,
        ["stop"] = WalkthroughCommand.Cancel,
        ["quit"] = WalkthroughCommand.Cancel,
        ["forget me"] = WalkthroughCommand.ForgetMe,
        ["forgetme"] = WalkthroughCommand.ForgetMe,
        ["delete my data"] = WalkthroughCommand.ForgetMe,
        ["new case"] = WalkthroughCommand.NewCase,
        ["new"] = WalkthroughCommand.NewCase,
        ["start a new case"] = WalkthroughCommand.NewCase,
        ["continue"] = WalkthroughCommand.Resume,
        ["resume"] = WalkthroughCommand.Resume,
        ["where was i"] = WalkthroughCommand.Resume,
    };

    public static WalkthroughCommand? Recognize(string? text) =>
        Phrases.TryGetValue(ChoiceRecognizer.Normalize(text), out var command) ? command : null;
}
