using NotesGuard.Guidance;

namespace NotesGuard.Conversations.Replies;

/// <summary>
/// A channel-neutral reply. Channel adapters render it (Adaptive Cards, Block Kit, HTML) and escape every
/// string for their own markup: text here is plain text, never markdown.
/// </summary>
public abstract record Reply
{
    /// <summary>Show to the person who acted only (Slack ephemeral); channels without that show it normally.</summary>
    public bool OnlyForUser { get; init; }
}

public enum ButtonStyle
{
    Default,
    Primary,
    Destructive,
}

/// <summary>A button. <see cref="Value"/> is opaque to channels: send it back as the turn's ActionValue.</summary>
public sealed record ReplyButton(string Title, string Value, ButtonStyle Style = ButtonStyle.Default);

public enum TextKind
{
    Plain,
    Welcome,
    Help,
    Notice,
}

/// <summary>Plain text with optional buttons: welcome, help, confirmations, "I didn't recognise that".</summary>
public sealed record TextReply(string Text, TextKind Kind = TextKind.Plain, string? Title = null) : Reply
{
    public IReadOnlyList<ReplyButton> Buttons { get; init; } = [];
}

/// <summary>
/// The next question of a walkthrough. <see cref="OwnerName"/> is set in group conversations so everyone
/// can see whose case the question belongs to.
/// </summary>
public sealed record QuestionReply(
    string CaseId,
    string QuestionId,
    string Text,
    string Why,
    IReadOnlyList<ReplyButton> Choices,
    IReadOnlyList<ReplyButton> Navigation,
    int Number,
    int AboutTotal,
    string? OwnerName = null,
    string? Notice = null) : Reply
{
    /// <summary>"Question 3 of about 6".</summary>
    public string ProgressText => $"Question {Number} of about {AboutTotal}";
}

/// <summary>
/// A question that has been answered, shown read-only. When <see cref="ReplacesClickedMessage"/> is set the
/// channel replaces the card the user clicked with this, so it cannot be clicked twice.
/// </summary>
public sealed record AnsweredQuestionReply(
    string CaseId,
    string QuestionId,
    string Text,
    string AnswerTitle,
    string? AnsweredBy,
    bool ReplacesClickedMessage) : Reply;

public sealed record ReviewItem(string QuestionId, string QuestionText, string AnswerTitle, ReplyButton Change);

/// <summary>The answers before the card, each with a way to change it, and a button to see the guidance.</summary>
public sealed record ReviewReply(
    string CaseId,
    IReadOnlyList<ReviewItem> Items,
    ReplyButton Confirm,
    IReadOnlyList<ReplyButton> Navigation,
    string? OwnerName = null) : Reply;

/// <summary>The guidance card: the advice itself plus the practice's name, for whom, and what to do next.</summary>
public sealed record GuidanceCardReply(
    string CaseId,
    Advice Advice,
    IReadOnlyList<ReplyButton> Actions,
    string? PracticeName = null,
    string? SupervisorContact = null,
    string? OwnerName = null) : Reply
{
    /// <summary>The answer codes behind the advice (never typed text), so a channel can offer documents that fit them.</summary>
    public AnswerSet Answers { get; init; } = AnswerSet.Empty;

    /// <summary>Set on a case shared with a group: each question and the answer given, shown above the guidance.</summary>
    public IReadOnlyList<SharedAnswer> SharedAnswers { get; init; } = [];
}

/// <summary>A question of a shared case and the title of the answer chosen (the rulebook's words, never typed text).</summary>
public sealed record SharedAnswer(string Question, string Answer);
