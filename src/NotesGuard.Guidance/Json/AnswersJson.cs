using System.Text;
using System.Text.Json;

namespace NotesGuard.Guidance.Json;

/// <summary>
/// Reads the answers every surface accepts: a flat JSON object of answer keys to value codes, e.g.
/// <c>{"jurisdiction":"england-wales","requester":"police"}</c>. Anything else is refused with one
/// <see cref="InvalidAnswerException"/> whose message names the key and the allowed values.
/// </summary>
public static class AnswersJson
{
    private const string Shape = "answers must be a JSON object of answer keys to string values, e.g. {\"jurisdiction\":\"england-wales\"}";

    public static AnswerSet Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    public static AnswerSet Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new InvalidAnswerException("", $"no answers given; {Shape}");
        }

        // The reader checks UTF-8 only when a string is read out (and then throws InvalidOperationException).
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json))
        {
            throw new InvalidAnswerException("", $"answers are not valid UTF-8 text; {Shape}");
        }

        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            return Read(ref reader);
        }
        catch (JsonException ex)
        {
            throw new InvalidAnswerException("", $"answers are not valid JSON ({FirstSentence(ex.Message)}); {Shape}");
        }
        catch (InvalidOperationException)
        {
            // The reader accepts a \u escape of half a surrogate pair (\ud800 alone) and throws only when the string is
            // read out; that is the sender's broken text, not our failure.
            throw new InvalidAnswerException("", $"answers hold a \\u escape that is not a whole character; {Shape}");
        }
    }

    private static AnswerSet Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidAnswerException("", Shape);
        }

        var answers = AnswerSet.Empty;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            var allowed = AdviceContract.ValuesOf(key) ?? throw InvalidAnswerException.UnknownKey(key);
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new InvalidAnswerException(key, $"the answer for '{key}' must be a string; allowed values: {string.Join(", ", allowed)}");
            }

            if (answers.ContainsKey(key))
            {
                throw new InvalidAnswerException(key, $"'{key}' is answered twice; give each answer once");
            }

            answers = answers.With(key, reader.GetString()!);
        }

        // Trailing content after the object (a second object, stray text) is refused by the reader itself.
        if (reader.Read())
        {
            throw new InvalidAnswerException("", $"unexpected content after the answers object; {Shape}");
        }

        return answers;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
