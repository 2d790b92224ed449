using NotesGuard.Conversations.Replies;

namespace NotesGuard.Conversations.Tests.Infrastructure;

/// <summary>The bot's side of a transcript line: "→ bot asks courtOrder".</summary>
internal static class TranscriptAssertions
{
    public static async Task<QuestionReply> BotAsks(this Task<TurnReplies> turn, string questionId)
    {
        var replies = await turn;
        Assert.True(replies.Question?.QuestionId == questionId, $"expected the bot to ask {questionId}, got:\n{replies}");
        Assert.Null(replies.Question!.Notice);
        return replies.Question;
    }

    /// <summary>The same question again, with the retry message and the choices.</summary>
    public static async Task<QuestionReply> BotRetries(this Task<TurnReplies> turn, string questionId)
    {
        var replies = await turn;
        Assert.True(replies.Question?.QuestionId == questionId, $"expected {questionId} again, got:\n{replies}");
        Assert.False(string.IsNullOrEmpty(replies.Question!.Notice), $"expected a retry message, got:\n{replies}");
        Assert.NotEmpty(replies.Question.Choices);
        return replies.Question;
    }

    public static async Task<ReviewReply> BotShowsReview(this Task<TurnReplies> turn)
    {
        var replies = await turn;
        return replies.Review ?? throw new Xunit.Sdk.XunitException($"expected the review, got:\n{replies}");
    }

    public static async Task<GuidanceCardReply> BotShowsGuidance(this Task<TurnReplies> turn, string outcome)
    {
        var replies = await turn;
        var card = replies.Card ?? throw new Xunit.Sdk.XunitException($"expected the guidance card, got:\n{replies}");
        Assert.Equal(outcome, card.Advice.Outcome);
        return card;
    }

    /// <summary>A text reply containing <paramref name="fragment"/>.</summary>
    public static async Task<TurnReplies> BotSays(this Task<TurnReplies> turn, string fragment)
    {
        var replies = await turn;
        Assert.True(
            replies.Texts.Any(t => t.Text.Contains(fragment, StringComparison.OrdinalIgnoreCase)),
            $"expected the bot to say '{fragment}', got:\n{replies}");
        return replies;
    }
}
