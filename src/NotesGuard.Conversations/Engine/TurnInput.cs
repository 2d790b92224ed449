namespace NotesGuard.Conversations.Engine;

/// <summary>A turn as the engine reads it: a button it made, a typed command, or typed text to recognise.</summary>
internal sealed record TurnInput(ButtonValue? Button, WalkthroughCommand? Command, bool UnknownButton)
{
    public static TurnInput From(Turn turn)
    {
        if (!string.IsNullOrEmpty(turn.ActionValue))
        {
            var button = ButtonValue.TryDecode(turn.ActionValue);
            if (button is null)
            {
                return new TurnInput(null, null, UnknownButton: true);
            }

            WalkthroughCommand? command = button.Action == ButtonAction.Command &&
                Enum.TryParse<WalkthroughCommand>(button.Target, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
            return new TurnInput(button, command, UnknownButton: false);
        }

        return new TurnInput(null, CommandRecognizer.Recognize(turn.Text), UnknownButton: false);
    }
}
