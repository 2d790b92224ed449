using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Conversations.Tests.Infrastructure;

/// <summary>What the bot answered to one turn, with the questions a transcript line asks about it.</summary>
internal sealed class TurnReplies(TurnResult result)
{
    public TurnResult Result { get; } = result;

    public IReadOnlyList<Reply> All => Result.Replies;

    public QuestionReply? Question => All.OfType<QuestionReply>().LastOrDefault();

    public ReviewReply? Review => All.OfType<ReviewReply>().LastOrDefault();

    public GuidanceCardReply? Card => All.OfType<GuidanceCardReply>().LastOrDefault();

    public IEnumerable<TextReply> Texts => All.OfType<TextReply>();

    public string AllText => string.Join("\n", All.Select(Describe));

    /// <summary>Every button of every reply, so a transcript can click by title.</summary>
    public IEnumerable<ReplyButton> Buttons => All.SelectMany(r => r switch
    {
        QuestionReply q => q.Choices.Concat(q.Navigation),
        ReviewReply v => v.Items.Select(i => i.Change).Append(v.Confirm).Concat(v.Navigation),
        GuidanceCardReply c => c.Actions,
        TextReply t => t.Buttons,
        _ => [],
    });

    public static string Describe(Reply reply) => reply switch
    {
        TextReply t => $"text[{t.Kind}] {t.Title} {t.Text}",
        QuestionReply q => $"question {q.QuestionId} ({q.ProgressText}) {q.Notice} {q.Text} owner={q.OwnerName}",
        AnsweredQuestionReply a => $"answered {a.QuestionId} = {a.AnswerTitle} by={a.AnsweredBy} replaces={a.ReplacesClickedMessage}",
        ReviewReply v => $"review [{string.Join(", ", v.Items.Select(i => $"{i.QuestionId}={i.AnswerTitle}"))}] owner={v.OwnerName}",
        GuidanceCardReply c => $"guidance {c.Advice.Outcome} owner={c.OwnerName}",
        _ => reply.ToString(),
    };

    public override string ToString() => AllText;
}
