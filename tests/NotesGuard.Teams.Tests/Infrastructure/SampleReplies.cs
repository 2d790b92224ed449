using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;

namespace NotesGuard.Teams.Tests.Infrastructure;

/// <summary>Channel-neutral replies shaped like the engine's, for rendering and routing tests.</summary>
public static class SampleReplies
{
    /// <summary>The shipped rulebook's wording of the "no" verdict, which the sample guidance carries as the advisor would.</summary>
    public static readonly string NoVerdictLabel = Advisor.Create(new PracticeSettings()).Rulebook.HandOverNotesLabels["no"];

    public static QuestionReply Question(string? owner = null) => new(
        "case-1",
        "requester",
        "Who is asking for the notes?",
        "Different requesters have different powers.",
        [new ReplyButton("Police", "ng1|a|case-1|tag|requester|police|"), new ReplyButton("Defence lawyer", "ng1|a|case-1|tag|requester|defence|")],
        [new ReplyButton("Back", "ng1|c|case-1|tag|Back||"), new ReplyButton("Restart", "ng1|c|case-1|tag|Restart||")],
        2,
        6,
        owner);

    public static AnsweredQuestionReply Answered(bool clicked, string? by = null) =>
        new("case-1", "requester", "Who is asking for the notes?", "Police", by, clicked);

    public static ReviewReply Review(string? owner = null) => new(
        "case-1",
        [new ReviewItem("requester", "Who is asking for the notes?", "Police", new ReplyButton("Change", "ng1|x|case-1|tag|requester||"))],
        new ReplyButton("Show the guidance", "ng1|c|case-1|tag|ShowGuidance||", ButtonStyle.Primary),
        [new ReplyButton("Restart", "ng1|c|case-1|tag|Restart||")],
        owner);

    public static GuidanceCardReply Guidance(string? owner = null, IReadOnlyList<Helpline>? helplines = null) => new(
        "case-1",
        new Advice(
            "2026.2",
            "request-not-valid-yet",
            "no",
            "Do not send notes yet",
            [
                new AdviceStep("contact-insurer-helpline", "Call your insurer's legal helpline today.", ["src-a"]),
                new AdviceStep("preserve-records", "Keep the records as they are.", ["src-a"]),
            ],
            [new AdviceLink("cps-pre-trial-therapy", "CPS guidance", "https://www.cps.gov.uk/")],
            helplines ?? [],
            "Call your insurer's legal helpline.",
            [new SourceReference("src-a", "A source", "Section 1", "https://example.org/a")],
            "This is not legal advice.")
        {
            HandOverNotesLabel = NoVerdictLabel,
            DoNow = 1,
        },
        [new ReplyButton("Start a new case", "ng1|c|case-1|tag|NewCase||", ButtonStyle.Primary)],
        "Riverside Therapy",
        "Sam Supervisor",
        owner);
}
