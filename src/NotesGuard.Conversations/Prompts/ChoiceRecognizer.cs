using System.Text;
using NotesGuard.Guidance;

namespace NotesGuard.Conversations.Prompts;

/// <summary>
/// Lenient recognition of a typed reply against a prompt's choices, the one recogniser of every surface (the
/// chats' prompts and <c>notesguard ask</c>): the number, the value code or the title, then the choice's
/// synonyms, everyday yes/no/unsure words, and finally a title that contains every typed word. Returns null
/// rather than guess when nothing, or more than one choice, matches.
/// </summary>
public static class ChoiceRecognizer
{
    private static readonly Dictionary<string, string> EverydayWords = new(StringComparer.Ordinal)
    {
        ["y"] = "yes", ["yes"] = "yes", ["yeah"] = "yes", ["yep"] = "yes", ["yup"] = "yes", ["ok"] = "yes",
        ["okay"] = "yes", ["sure"] = "yes", ["correct"] = "yes", ["true"] = "yes",
        ["n"] = "no", ["no"] = "no", ["nope"] = "no", ["nah"] = "no", ["false"] = "no", ["not really"] = "no",
        ["not sure"] = "unsure", ["unsure"] = "unsure", ["dont know"] = "unsure", ["do not know"] = "unsure",
        ["i dont know"] = "unsure", ["idk"] = "unsure", ["maybe"] = "unsure", ["no idea"] = "unsure",
        ["perhaps"] = "unsure", ["im not sure"] = "unsure", ["i am not sure"] = "unsure", ["unknown"] = "unsure",
        ["dunno"] = "unsure",
    };

    /// <summary>The rulebook's choice a reply to <paramref name="question"/> means, or null.</summary>
    public static Choice? Recognize(string? text, Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var recognised = Recognize(text, [.. question.Choices.Select(c => new PromptChoice(c.Value, c.Title, c.Synonyms))]);
        return recognised is null ? null : question.Choices.First(c => c.Value == recognised.Value);
    }

    public static PromptChoice? Recognize(string? text, IReadOnlyList<PromptChoice> choices)
    {
        var typed = Normalize(text);
        if (typed.Length == 0)
        {
            return null;
        }

        if (int.TryParse(typed, out var number) && number >= 1 && number <= choices.Count)
        {
            return choices[number - 1];
        }

        // A choice's own code or title wins over another choice's synonym.
        var exact = Single(choices, c => Normalize(c.Value) == typed || Normalize(c.Title) == typed)
            ?? Single(choices, c => c.Synonyms.Any(s => Normalize(s) == typed));
        if (exact is not null)
        {
            return exact;
        }

        if (EverydayWords.TryGetValue(typed, out var everyday))
        {
            var byWord = Single(choices, c => c.Value == everyday);
            if (byWord is not null)
            {
                return byWord;
            }
        }

        // "police" for "The police", "crown prosecution" for "The CPS (Crown Prosecution Service)".
        var words = typed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (typed.Length >= 3)
        {
            return Single(choices, c =>
            {
                var titleWords = Normalize(c.Title).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return words.All(w => titleWords.Contains(w, StringComparer.Ordinal));
            });
        }

        return null;
    }

    /// <summary>Lower case, apostrophes dropped, punctuation and hyphens as spaces, single-spaced.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var lastWasSpace = true;
        foreach (var raw in text.Trim())
        {
            var c = char.ToLowerInvariant(raw);
            if (c is '\'' or '’')
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                builder.Append(' ');
                lastWasSpace = true;
            }
        }

        return builder.ToString().Trim();
    }

    private static PromptChoice? Single(IReadOnlyList<PromptChoice> choices, Func<PromptChoice, bool> matches)
    {
        PromptChoice? found = null;
        foreach (var choice in choices)
        {
            if (!matches(choice))
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = choice;
        }

        return found;
    }
}
