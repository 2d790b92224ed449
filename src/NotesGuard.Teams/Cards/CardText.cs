using System.Text;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// Makes plain text safe for an Adaptive Card TextBlock, whose text Teams reads as markdown. Replies carry
/// plain text, and names come from users' display names: without escaping, "*Alex*" would turn bold and
/// "[click](https://evil)" into a link. Every character markdown could act on is backslash-escaped.
/// </summary>
internal static class CardText
{
    private const string Significant = "\\`*_[]<>#~|!";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length + 8);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (Significant.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }
            else if (lineStart && c is '-' or '+')
            {
                builder.Append('\\');
            }
            else if (lineStart && char.IsAsciiDigit(c))
            {
                // "1. " at the start of a line would become a numbered list: escape the dot after the digits.
                var end = i;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }

                if (end < text.Length && text[end] is '.' or ')')
                {
                    builder.Append(text, i, end - i).Append('\\').Append(text[end]);
                    i = end;
                    lineStart = false;
                    continue;
                }
            }

            builder.Append(c);
            lineStart = c == '\n' || (lineStart && c == ' ');
        }

        return builder.ToString();
    }

    /// <summary>"Alex's case": whose walkthrough a card in a group belongs to, in the card model's words.</summary>
    public static string CaseOf(string ownerName) => NotesGuard.Conversations.Cards.CardWords.CaseOf(ownerName);
}
