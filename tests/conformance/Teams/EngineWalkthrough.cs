using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Conformance.Tests.Teams;

/// <summary>
/// Drives the real engine along a path by clicking the buttons it offers (as Teams would send them back),
/// collecting every reply: welcome, questions, answered questions, the review and the guidance card.
/// </summary>
public static class EngineWalkthrough
{
    public static async Task<IReadOnlyList<Reply>> ClickThroughAsync(ITurnHandler engine, WalkthroughPath path, ConversationScope scope, string? displayName)
    {
        var conversation = $"conv-{Guid.NewGuid():N}";
        var turns = 0;
        Turn NewTurn(string? text, string? action) =>
            new("msteams", conversation, "29:alex", $"turn-{conversation}-{++turns}", scope, text, action, displayName);

        var all = new List<Reply>();
        var replies = (await engine.HandleAsync(NewTurn("hello", null))).Replies;
        all.AddRange(replies);
        for (var guard = 0; guard < 40; guard++)
        {
            switch (replies.LastOrDefault(r => r is QuestionReply or ReviewReply or GuidanceCardReply))
            {
                case QuestionReply question:
                    var wanted = path.ChoiceFor(question.QuestionId);
                    var button = question.Choices.Single(c => ButtonValue.TryDecode(c.Value)?.Choice == wanted);
                    replies = (await engine.HandleAsync(NewTurn(null, button.Value))).Replies;
                    break;
                case ReviewReply review:
                    replies = (await engine.HandleAsync(NewTurn(null, review.Confirm.Value))).Replies;
                    break;
                case GuidanceCardReply:
                    return all;
                default:
                    throw new InvalidOperationException($"the walkthrough stalled; last replies: {string.Join(", ", replies)}");
            }

            all.AddRange(replies);
        }

        throw new InvalidOperationException("the walkthrough did not reach a guidance card in 40 turns");
    }

    public static async Task<IReadOnlyList<Reply>> SayAsync(ITurnHandler engine, string text, ConversationScope scope = ConversationScope.Personal)
    {
        var turn = new Turn("msteams", $"conv-{Guid.NewGuid():N}", "29:alex", $"turn-{Guid.NewGuid():N}", scope, text, null, "Alex");
        return (await engine.HandleAsync(turn)).Replies;
    }
}
