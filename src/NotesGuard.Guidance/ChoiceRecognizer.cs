namespace NotesGuard.Guidance;

/// <summary>
/// Recognises a typed reply to a question leniently, as the advice contract asks: the choice's number,
/// value, title, or one of the synonyms the rulebook lists ("y", "not sure"). Anything else, or a reply that
/// could mean two choices, is not recognised, so the caller asks again instead of guessing.
/// </summary>
public static class ChoiceRecognizer
{
    public static Choice? Recognise(Question question, string? reply)
    {
        var text = Normalise(reply);
        if (text.Length == 0)
        {
            return null;
        }

        if (int.TryParse(text, out var number))
        {
            return number >= 1 && number <= question.Choices.Count ? question.Choices[number - 1] : null;
        }

        Choice? found = null;
        foreach (var choice in question.Choices)
        {
            if (Normalise(choice.Value) == text || Normalise(choice.Title) == text)
            {
                return choice;
            }

            if (choice.Synonyms.Any(s => Normalise(s) == text))
            {
                if (found is not null && found != choice)
                {
                    return null;
                }

                found = choice;
            }
        }

        return found;
    }

    private static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var cleaned = text.Trim().Replace('\u2019', '\'').TrimEnd('.', '!', '?').Trim().ToLowerInvariant();
        return string.Join(' ', cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
