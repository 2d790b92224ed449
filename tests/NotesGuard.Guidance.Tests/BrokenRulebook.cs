using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Guidance.Tests;

/// <summary>
/// The shipped rulebook broken one snippet at a time, as a practice editing its copy might break it, and the
/// checks on what the loader says about it: each error names the file, the line and the path.
/// </summary>
internal static class BrokenRulebook
{
    public const string FileName = "practice.yaml";

    public static readonly string Shipped = RulebookLoader.ReadShippedText();

    /// <summary>The shipped text with the first <paramref name="find"/> replaced.</summary>
    public static string Break(string find, string replace)
    {
        var index = Shipped.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0, $"test setup: '{find}' not in the rulebook");
        return string.Concat(Shipped.AsSpan(0, index), replace, Shipped.AsSpan(index + find.Length));
    }

    /// <summary>The 1-based line on which <paramref name="snippet"/> starts.</summary>
    public static int LineOf(string text, string snippet)
    {
        var index = text.IndexOf(snippet, StringComparison.Ordinal);
        Assert.True(index >= 0, $"test setup: '{snippet}' not in the text");
        return text[..index].Count(c => c == '\n') + 1;
    }

    /// <summary>The errors loading <paramref name="yaml"/> gives, as <c>notesguard rulebook check</c> prints them; there must be some.</summary>
    public static IReadOnlyList<string> Errors(string yaml)
    {
        var ex = Assert.Throws<RulebookValidationException>(() => RulebookLoader.Parse(yaml, FileName));
        Assert.NotEmpty(ex.Errors);
        return [.. ex.Errors.Select(e => e.ToString())];
    }

    public static void AssertError(IReadOnlyList<string> errors, int line, string pathAndMessage) =>
        Assert.True(
            errors.Any(e => e.StartsWith($"{FileName}:{line}:", StringComparison.Ordinal) && e.Contains(pathAndMessage, StringComparison.Ordinal)),
            $"expected an error at line {line} containing \"{pathAndMessage}\"; got:\n{string.Join("\n", errors)}");
}
