using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Conversations.Tests.Infrastructure;

/// <summary>
/// One person talking to the engine, a turn per line: <c>await alice.Says("no").BotAsks("clientRole")</c>.
/// Clicks send the exact button value the bot gave, as a channel would.
/// </summary>
internal sealed class TranscriptClient(
    ITurnHandler engine,
    string userId = "user-1",
    string conversationId = "conversation-1",
    ConversationScope scope = ConversationScope.Personal,
    string? displayName = null,
    string channelId = "test")
{
    private int _turns;

    public string UserId { get; } = userId;

    public StateKey Key => new(channelId, conversationId, UserId);

    /// <summary>What the bot said last to this person.</summary>
    public TurnReplies Last { get; private set; } = new(new TurnResult([]));

    /// <summary>The question most recently asked, even if later replies (why, help) had none.</summary>
    public QuestionReply? LastQuestion { get; private set; }

    public Task<TurnReplies> Says(string text, string? turnId = null) => Send(text, null, turnId);

    /// <summary>Clicks the button with this title in the bot's last replies to this person.</summary>
    public Task<TurnReplies> Clicks(string title)
    {
        var button = Last.Buttons.LastOrDefault(b => b.Title == title)
            ?? throw new InvalidOperationException($"No button '{title}' in: {Last}");
        return Send(null, button.Value, null);
    }

    /// <summary>Clicks the choice whose contract code is <paramref name="value"/> on the last question.</summary>
    public Task<TurnReplies> Chooses(string value)
    {
        var question = LastQuestion ?? throw new InvalidOperationException($"No question yet; last replies: {Last}");
        var button = question.Choices.SingleOrDefault(c => ButtonValue.TryDecode(c.Value)?.Choice == value)
            ?? throw new InvalidOperationException($"Question {question.QuestionId} has no choice '{value}'.");
        return Send(null, button.Value, null);
    }

    /// <summary>Sends a raw button value: one from another person's card, or from an earlier case.</summary>
    public Task<TurnReplies> ClicksValue(string value, string? turnId = null) => Send(null, value, turnId);

    public async Task<TurnReplies> Send(string? text, string? value, string? turnId)
    {
        var turn = new Turn(channelId, conversationId, UserId, turnId ?? $"{UserId}-{Interlocked.Increment(ref _turns)}-{Guid.NewGuid():N}", scope, text, value, displayName);
        var result = await engine.HandleAsync(turn);
        var replies = new TurnReplies(result);
        if (!result.WasDuplicate)
        {
            Last = replies;
            LastQuestion = replies.Question ?? LastQuestion;
        }

        return replies;
    }
}
