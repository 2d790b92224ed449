namespace NotesGuard.Conversations.Dialogs;

/// <summary>
/// The conversation's own words: buttons, confirmations and error messages. Never advice — questions,
/// reasons and guidance come from the rulebook through IAdvisor.
/// </summary>
internal static class ConversationText
{
    public const string WelcomeTitle = "NotesGuard";

    public const string Welcome =
        "I'll ask a few short questions about the request for your client's notes, then show practice guidance. " +
        "Type help at any time, back to change your last answer, or restart to begin again.";

    public const string HelpTitle = "How this works";

    public const string Help =
        "Answer each question with a button, or type the answer or its number. You can also type:\n" +
        "• why — why this question matters\n" +
        "• back — change your previous answer\n" +
        "• restart — start this case again\n" +
        "• cancel — stop and clear this case\n" +
        "• forget me — delete everything kept about you here (delete any case you shared to a group first)\n" +
        "• new case — start another case";

    public const string WhyTitle = Cards.CardWords.WhyWeAsk;

    public const string WhyWithoutQuestion =
        "There's no question open right now. Each step of the guidance lists the sources it relies on.";

    public const string Retry = "Sorry, I didn't recognise that answer. Please choose one of the options, or type its number.";

    public const string ReviewRetry = "Please choose Show the guidance, or pick an answer to change.";

    public const string FinishedRetry = "This case is finished. Choose Start a new case to begin another, or type help.";

    public const string CaseFinished = "This case is finished: its guidance card is above. You can start a new case.";

    public const string NothingToGoBackTo = "This is the first question, so there's nothing to go back to.";

    public const string Restarted = "Starting again with a new case. Your earlier answers are cleared.";

    public const string Cancelled = "Cancelled. Nothing about this case is kept. You can start a new case whenever you like.";

    public const string Forgotten = "Done: I've deleted everything I kept about you in this chat.";

    /// <summary>
    /// Said after <see cref="Forgotten"/> when the person had shared cases (deleted or not: the records were not read).
    /// </summary>
    public const string SharedCasesStay =
        "If a case you shared to a group is still posted there, NotesGuard can no longer remove it, since it no longer " +
        "knows it was yours: ask the group's owner or your practice's NotesGuard admin to delete it.";

    public const string NewCaseStarted = "New case started.";

    public const string EarlierCase = "That card belongs to an earlier case. Your current case continues below.";

    public const string AlreadyAnswered =
        "That question has already been answered. Use Back, or the review before the guidance, to change an answer.";

    public const string UnknownButton = "That button is no longer valid. Your case continues below.";

    public const string CaseEnded = "That case has ended or expired, and nothing of it is kept. You can start a new case.";

    public const string Busy = "Sorry, that took too long to save. Please send your answer again.";

    public const string StoreUnavailable =
        "Sorry, I couldn't save that just now. Your earlier answers are safe; please send your answer again in a minute.";

    public const string Back = "Back";

    public const string HelpButton = "Help";

    public const string Restart = "Restart";

    public const string Cancel = "Cancel";

    public const string ShowGuidance = "Show the guidance";

    public const string Change = "Change";

    public const string StartNewCase = "Start a new case";

    public const string StartOwnCase = "Start my own case";

    public static string BelongsTo(string? ownerName) =>
        ownerName is null
            ? "That card belongs to someone else's case. Type new case, or use the button, to start your own."
            : $"That card belongs to {Cards.CardWords.CaseOf(ownerName)}. Type new case, or use the button, to start your own.";
}
