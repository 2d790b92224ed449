using System.Buffers;
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
    private static readonly SearchValues<char> SignificantChars = SearchValues.Create(Significant);

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (!MayNeedEscaping(text))
        {
            // Most card text (questions, guidance, choices) has nothing markdown acts on: no copy.
            return text;
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

    /// <summary>
    /// False only when <see cref="Escape"/> would return the text unchanged: no markdown character, and no line that
    /// opens with '-', '+' or a digit (a digit matters only before '.' or ')', which the full pass works out).
    /// </summary>
    private static bool MayNeedEscaping(string text)
    {
        if (text.AsSpan().ContainsAny(SignificantChars))
        {
            return true;
        }

        var lineStart = true;
        foreach (var c in text)
        {
            if (lineStart && (c is '-' or '+' || char.IsAsciiDigit(c)))
            {
                return true;
            }

            lineStart = c == '\n' || (lineStart && c == ' ');
        }

        return false;
    }

    /// <summary>"Alex's case": whose walkthrough a card in a group belongs to, in the card model's words.</summary>
    public static string CaseOf(string ownerName) => NotesGuard.Conversations.Cards.CardWords.CaseOf(ownerName);
}
