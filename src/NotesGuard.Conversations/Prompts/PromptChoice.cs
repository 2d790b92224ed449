namespace NotesGuard.Conversations.Prompts;

/// <summary>
/// One option a prompt offers: the stable <see cref="Value"/> it returns, the <see cref="Title"/> shown, and
/// other words people use for it (the rulebook's synonyms, "y"/"n"…).
/// </summary>
public sealed record PromptChoice(string Value, string Title, IReadOnlyList<string> Synonyms)
{
    public PromptChoice(string value, string title)
        : this(value, title, [])
    {
    }
}
