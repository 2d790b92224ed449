using System.Globalization;

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
            // Built in place: every store call of every turn computes it.
            var length = Digits(ChannelId.Length) + Digits(ConversationId.Length) + Digits(UserId.Length) + 3 +
                         ChannelId.Length + ConversationId.Length + UserId.Length;
            return string.Create(length, this, static (span, key) =>
            {
                foreach (var part in (ReadOnlySpan<string>)[key.ChannelId, key.ConversationId, key.UserId])
                {
                    part.Length.TryFormat(span, out var written, provider: CultureInfo.InvariantCulture);
                    span[written] = ':';
                    part.AsSpan().CopyTo(span[(written + 1)..]);
                    span = span[(written + 1 + part.Length)..];
                }
            });
        }
    }

    private static int Digits(int value)
    {
        var digits = 1;
        for (; value >= 10; value /= 10)
        {
            digits++;
        }

        return digits;
    }
}
