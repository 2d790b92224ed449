using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;

namespace NotesGuard.Slack.Tests.Fakes;

/// <summary>Replies shaped like the engine's, for rendering tests that do not need the engine.</summary>
public static class SampleReplies
{
    /// <summary>The shipped rulebook's wording of the "no" verdict, which the sample advice carries as the advisor would.</summary>
    public static readonly string NoVerdictLabel = Advisor.Create(new PracticeSettings()).Rulebook.HandOverNotesLabels["no"];

    public static QuestionReply Question(string text = "Has a court made an order, or served a witness summons on you?", string? owner = null, int choices = 3) => new(
        "case-1",
        "courtOrder",
        text,
        "A court order changes what you must do.",
        [.. Enumerable.Range(1, choices).Select(i => new ReplyButton($"Choice {i}", $"ng1|a|case-1|tag|courtOrder|c{i}|"))],
        [new ReplyButton("Back", "ng1|c|case-1|tag|back||"), new ReplyButton("Restart", "ng1|c|case-1|tag|restart||")],
        3,
        6,
        owner);

    /// <summary>Like every real card, its first step is the call to the insurer's helpline (by code; the words are sample ones).</summary>
    public static Advice Advice(int steps = 6, int stepLength = 120, string headline = "Do not send notes yet: ask for the request in writing.") => new(
        "2026.2",
        "request-not-valid-yet",
        "no",
        headline,
        [.. Enumerable.Range(1, steps).Select(i => new AdviceStep(i == 1 ? AdviceContract.HelplineStep : $"step-{i}", $"Step {i}: " + new string('x', stepLength), ["cps-guidance"]))],
        [new AdviceLink("cps-pre-trial-therapy", "CPS pre-trial therapy guidance", "https://www.cps.gov.uk/legal-guidance/pre-trial-therapy?a=1&b=2")],
        [new Helpline("Insurer legal helpline", "0100 000 0000", "9am to 5pm")],
        "Call your insurer's legal helpline before you reply.",
        [new SourceReference("cps-guidance", "CPS guidance", "Pre-trial therapy, 2022", "https://www.cps.gov.uk/")],
        "Practice guidance, not legal advice.")
    {
        HandOverNotesLabel = NoVerdictLabel,
        DoNow = Math.Min(3, steps),
    };

    public static GuidanceCardReply Card(Advice? advice = null, string? owner = null) =>
        new("case-1", advice ?? Advice(), [new ReplyButton("Start a new case", "ng1|c|case-1|tag|new||", ButtonStyle.Primary)], "Riverside Therapy", "Dr Supervisor, ext 12", owner);

    public static ReviewReply Review(int items = 5) => new(
        "case-1",
        [.. Enumerable.Range(1, items).Select(i => new ReviewItem($"q{i}", $"Question {i}?", $"Answer {i}", new ReplyButton("Change", $"ng1|x|case-1|tag|q{i}||")))],
        new ReplyButton("Show the guidance", "ng1|c|case-1|tag|show-guidance||", ButtonStyle.Primary),
        [new ReplyButton("Restart", "ng1|c|case-1|tag|restart||")]);
}
