namespace NotesGuard.Conversations.Engine;

/// <summary>
/// One walkthrough's identity: channel + conversation + user, so people in one group chat each keep their own.
/// </summary>
public readonly record struct StateKey(string ChannelId, string ConversationId, string UserId)
{
    public override string ToString() => $"{ChannelId}|{ConversationId}|{UserId}";
}
