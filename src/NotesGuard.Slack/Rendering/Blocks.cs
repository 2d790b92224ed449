using System.Text.Json.Nodes;

namespace NotesGuard.Slack.Rendering;

/// <summary>
/// Block Kit elements, built so that each one is within its limits: text objects are shortened or split
/// here, ids are checked. Strings given as <c>mrkdwn</c> must already be escaped (see <see cref="Mrkdwn"/>).
/// </summary>
public static class Blocks
{
    public static JsonObject PlainText(string text, int max) => new()
    {
        ["type"] = "plain_text",
        ["text"] = Shorten(text, max),
        ["emoji"] = true,
    };

    /// <summary>verbatim: Slack must not turn words like "@channel" or bare names into mentions or links.</summary>
    public static JsonObject MrkdwnText(string mrkdwn) => new()
    {
        ["type"] = "mrkdwn",
        ["text"] = mrkdwn,
        ["verbatim"] = true,
    };

    public static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = PlainText(text, BlockKitLimits.HeaderText),
    };

    /// <summary>One section per 3000 characters: long text becomes several sections instead of being refused.</summary>
    public static IEnumerable<JsonObject> Sections(string mrkdwn)
    {
        foreach (var part in SplitText(mrkdwn, BlockKitLimits.SectionText))
        {
            yield return new JsonObject { ["type"] = "section", ["text"] = MrkdwnText(part) };
        }
    }

    public static JsonObject SectionWithButton(string mrkdwn, JsonObject button) => new()
    {
        ["type"] = "section",
        ["text"] = MrkdwnText(Shorten(mrkdwn, BlockKitLimits.SectionText)),
        ["accessory"] = button,
    };

    public static JsonObject Divider() => new() { ["type"] = "divider" };

    /// <summary>Context blocks of at most 10 elements each.</summary>
    public static IEnumerable<JsonObject> Contexts(IEnumerable<string> mrkdwnElements)
    {
        foreach (var chunk in mrkdwnElements
            .SelectMany(e => SplitText(e, BlockKitLimits.ContextElementText))
            .Chunk(BlockKitLimits.ContextElements))
        {
            yield return new JsonObject
            {
                ["type"] = "context",
                ["elements"] = new JsonArray([.. chunk.Select(MrkdwnText)]),
            };
        }
    }

    /// <summary>Actions blocks of at most 25 buttons each.</summary>
    public static IEnumerable<JsonObject> Actions(IEnumerable<JsonObject> buttons)
    {
        foreach (var chunk in buttons.Chunk(BlockKitLimits.ActionsElements))
        {
            yield return new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray([.. chunk]),
            };
        }
    }

    public static JsonObject Button(string title, string actionId, string value, string? style = null)
    {
        CheckId(actionId);
        if (value.Length > BlockKitLimits.ButtonValue)
        {
            // Values are the engine's opaque tokens; shortening one would break it, so fail loudly in tests.
            throw new ArgumentException($"button value is {value.Length} characters; Slack allows {BlockKitLimits.ButtonValue}", nameof(value));
        }

        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(title, BlockKitLimits.ButtonText),
            ["action_id"] = actionId,
            ["value"] = value,
        };
        if (style is not null)
        {
            button["style"] = style;
        }

        return button;
    }

    /// <summary>A button that opens an http(s) address in the browser; it carries no engine value.</summary>
    public static JsonObject LinkButton(string title, string actionId, string url)
    {
        CheckId(actionId);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || url.Length > BlockKitLimits.Url)
        {
            throw new ArgumentException("a link button needs an https address within Slack's length limit", nameof(url));
        }

        return new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(title, BlockKitLimits.ButtonText),
            ["action_id"] = actionId,
            ["url"] = url,
        };
    }

    public static string Shorten(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>Splits at line breaks where possible, else at spaces, else hard, never leaving a part over max.</summary>
    public static IEnumerable<string> SplitText(string text, int max)
    {
        var rest = text;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf('\n', max - 1);
            if (cut < max / 2)
            {
                cut = rest.LastIndexOf(' ', max - 1);
            }

            if (cut < max / 2)
            {
                cut = max;
                if (char.IsHighSurrogate(rest[cut - 1]))
                {
                    cut--;
                }

                // Never cut an escape like "&amp;" in half.
                var amp = rest.LastIndexOf('&', cut - 1, Math.Min(cut, 5));
                if (amp >= 0 && rest.IndexOf(';', amp) >= cut)
                {
                    cut = amp;
                }
            }

            yield return rest[..cut].TrimEnd();
            rest = rest[cut..].TrimStart('\n', ' ');
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    private static void CheckId(string id)
    {
        if (id.Length is 0 or > BlockKitLimits.Id)
        {
            throw new ArgumentException($"Block Kit ids are 1–{BlockKitLimits.Id} characters, not {id.Length}", nameof(id));
        }
    }
}
