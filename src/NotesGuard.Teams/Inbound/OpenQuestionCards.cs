using System.Collections.Concurrent;

namespace NotesGuard.Teams.Inbound;

/// <summary>
/// The last question card each person was shown in each conversation, so that when they type the answer
/// instead of clicking, that card too becomes read-only with the answer (as a click would make it). Kept in
/// memory only: on another instance, or after a restart, the answered question is simply posted instead.
/// </summary>
internal sealed class OpenQuestionCards
{
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<(string Conversation, string User), (string QuestionId, string ActivityId)> _cards = new();

    public void Remember(string conversationId, string userId, string questionId, string activityId)
    {
        if (_cards.Count >= MaxRemembered)
        {
            _cards.Clear();
        }

        _cards[(conversationId, userId)] = (questionId, activityId);
    }

    /// <summary>The card showing <paramref name="questionId"/> to this person, forgotten once taken.</summary>
    public string? Take(string conversationId, string userId, string questionId) =>
        _cards.TryGetValue((conversationId, userId), out var card) && card.QuestionId == questionId
            && _cards.TryRemove(new KeyValuePair<(string, string), (string, string)>((conversationId, userId), card))
            ? card.ActivityId
            : null;
}
