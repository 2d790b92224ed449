using System.Globalization;

namespace NotesGuard.Conversations.Cards;

/// <summary>
/// Every label a card carries that is not the rulebook's own wording, in one place. Teams, Slack, the web chat
/// and the CLI show these words and no others, so a card reads the same wherever it is opened.
/// </summary>
public static class CardWords
{
    public const string DoNow = "Do now";

    public const string Then = "Then";

    public const string ReadMore = "Read more";

    public const string WhoToCall = "Who to call";

    public const string Sources = "Sources";

    public const string Supervisor = "Supervisor";

    /// <summary>The label of the control that reveals a question's reason.</summary>
    public const string Why = "Why am I asked this?";

    /// <summary>The heading of the reason itself, when someone types "why".</summary>
    public const string WhyWeAsk = "Why we ask";

    public const string CheckYourAnswers = "Check your answers";

    /// <summary>The heading of a shared case's answers.</summary>
    public const string SharedAnswers = "The case, as answered";

    /// <summary>The guidance card's button that starts sharing the case with a group.</summary>
    public const string ShareWithGroup = "Share with my supervision group";

    public const string ShareNow = "Share now";

    public const string DeleteShared = "Delete the shared card";

    /// <summary>The heading of the card that offers documents after the guidance.</summary>
    public const string DocumentsForThisCase = "Documents for this case";

    /// <summary>The documents card's download of a Word document.</summary>
    public const string WordDocument = "Word document";

    public const string TextFile = "Text file";

    /// <summary>Shows the document's whole text in the chat.</summary>
    public const string ReadHere = "Read it here";

    /// <summary>Puts the Word document into the chat as a file, where the channel can take one.</summary>
    public const string SendFile = "Send the Word file here";

    /// <summary>What the offered documents are, wherever they are offered.</summary>
    public const string DocumentsAreDrafts =
        "Drafts filled from your answers and the practice settings, with blanks in [square brackets] for you to fill in your own copy.";

    /// <summary>Under the documents card's heading: what the documents are and how long the links work.</summary>
    public static string DocumentsNote(int linkLifetimeMinutes) =>
        $"{DocumentsAreDrafts} The download links work for {linkLifetimeMinutes.ToString(CultureInfo.InvariantCulture)} minutes.";

    /// <summary>The banner when the channel did not say who the therapist is.</summary>
    public const string AColleague = "A colleague";

    /// <summary>"Alex's case": tops every card in a group so nobody mistakes someone else's walkthrough for theirs.</summary>
    public static string CaseOf(string ownerName) => $"{ownerName}'s case";

    /// <summary>"✓ The police": the answer given, on a question that can no longer be clicked.</summary>
    public static string Answered(string answerTitle) => $"✓ {answerTitle}";

    public static string AnsweredBy(string name) => $"Answered by {name}";

    public static string Rulebook(string version) => $"Rulebook {version}";

    /// <summary>Where to find the policy number, after a helpline's number (never the number itself).</summary>
    public static string PolicyNumber(string hint) => $"policy number: {hint}";

    /// <summary>"(step 1, 4)": which numbered steps rely on a source.</summary>
    public static string CitedBy(IEnumerable<int> stepNumbers) =>
        $"(step {string.Join(", ", stepNumbers.Select(n => n.ToString(CultureInfo.InvariantCulture)))})";
}
