namespace NotesGuard.Conversations.Cards;

/// <summary>The "Alex's case" banner every card in a group starts with.</summary>
internal static class CardOwner
{
    public static CardSection? Banner(string? ownerName) =>
        string.IsNullOrWhiteSpace(ownerName) ? null : new(CardSectionKind.Banner, null, [new CardLine(CardWords.CaseOf(ownerName.Trim()))]);

    /// <summary>"Alex's case — " before a summary, or nothing outside groups.</summary>
    public static string Prefix(string? ownerName) =>
        string.IsNullOrWhiteSpace(ownerName) ? "" : CardWords.CaseOf(ownerName.Trim()) + " — ";
}
