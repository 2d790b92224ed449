using System.Globalization;
using System.Text;

namespace NotesGuard.Conversations.Engine;

/// <summary>
/// One record's identity within its <see cref="State.RecordKind"/>: channel + conversation (or workspace) + user, so
/// people in one group chat each keep their own walkthrough. A record that belongs to no person has an empty user.
/// </summary>
public readonly record struct StateKey(string ChannelId, string ConversationId, string UserId)
{
    /// <summary>
    /// The key as one string for a database column: each part prefixed with its length, so no id, whatever
    /// characters it holds, can run into the next part ("a|b" + "c" never equals "a" + "b|c").
    /// </summary>
    public string StorageId
    {
        get
        {
            var builder = new StringBuilder(ChannelId.Length + ConversationId.Length + UserId.Length + 16);
            foreach (var part in (ReadOnlySpan<string>)[ChannelId, ConversationId, UserId])
            {
                builder.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
            }

            return builder.ToString();
        }
    }
}
