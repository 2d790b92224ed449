using System.Security.Cryptography;
using System.Text;

namespace NotesGuard.Conversations.Engine;

public enum ButtonAction
{
    /// <summary>Answers <see cref="ButtonValue.Target"/> (a question id) with <see cref="ButtonValue.Choice"/>.</summary>
    Answer,

    /// <summary>Runs the <see cref="WalkthroughCommand"/> named by <see cref="ButtonValue.Target"/>.</summary>
    Command,

    /// <summary>From the review: change the answer to <see cref="ButtonValue.Target"/> (a question id).</summary>
    Change,
}

/// <summary>
/// The value behind every button: compact, and carrying the case and its owner so a click on an earlier case's
/// card, or on somebody else's card in a group, is recognised instead of being applied to the wrong walkthrough.
/// Format: <c>ng1|kind|caseId|ownerTag|target|choice|ownerName</c>, each field URI-escaped.
/// </summary>
public sealed record ButtonValue(
    ButtonAction Action,
    string CaseId,
    string OwnerTag,
    string Target,
    string? Choice = null,
    string? OwnerName = null)
{
    private const string Prefix = "ng1";

    public string Encode()
    {
        var kind = Action switch
        {
            ButtonAction.Answer => "a",
            ButtonAction.Command => "c",
            _ => "x",
        };
        return string.Join(
            '|',
            Prefix,
            kind,
            Escape(CaseId),
            Escape(OwnerTag),
            Escape(Target),
            Escape(Choice ?? ""),
            Escape(OwnerName ?? ""));
    }

    public static ButtonValue? TryDecode(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 1000)
        {
            return null;
        }

        var parts = value.Split('|');
        if (parts.Length != 7 || parts[0] != Prefix)
        {
            return null;
        }

        ButtonAction? action = parts[1] switch
        {
            "a" => ButtonAction.Answer,
            "c" => ButtonAction.Command,
            "x" => ButtonAction.Change,
            _ => null,
        };
        if (action is null || parts[2].Length == 0 || parts[4].Length == 0)
        {
            return null;
        }

        try
        {
            var choice = Uri.UnescapeDataString(parts[5]);
            var ownerName = Uri.UnescapeDataString(parts[6]);
            return new ButtonValue(
                action.Value,
                Uri.UnescapeDataString(parts[2]),
                Uri.UnescapeDataString(parts[3]),
                Uri.UnescapeDataString(parts[4]),
                choice.Length == 0 ? null : choice,
                ownerName.Length == 0 ? null : ownerName);
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    /// <summary>A short, stable tag for a user: enough to tell two people apart, without putting their id on cards.</summary>
    public static string OwnerTagOf(string userId)
    {
        // A card's every button carries the tag, so one turn asks for the same person's many times in a row; the
        // last answer is kept per thread (a pure function of the id, so never stale) instead of hashing again.
        if (t_lastTag is { } last && string.Equals(last.UserId, userId, StringComparison.Ordinal))
        {
            return last.Tag;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(userId), hash);
        var tag = Convert.ToHexStringLower(hash[..5]);
        t_lastTag = (userId, tag);
        return tag;
    }

    [ThreadStatic]
    private static (string UserId, string Tag)? t_lastTag;

    private static string Escape(string field) => Uri.EscapeDataString(field);
}
