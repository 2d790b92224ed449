using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotesGuard.Conformance.Tests.Teams;

/// <summary>How a walkthrough answers each question in the Agents Playground.</summary>
public enum AnswerBy
{
    Typing,
    ClickingSubmit,
    ClickingExecute,
}

/// <summary>
/// A script for tests/tools/playground-chat, built from a walkthrough path so every expectation follows
/// from the rulebook: each answer, then the answered question, then the next question (or the review), then
/// the guidance card's headline. Every "expect" consumes exactly one bot message, in order.
/// </summary>
public sealed partial class PlaygroundScript
{
    public const string ShowGuidance = "Show the guidance";
    public const string StartNewCase = "Start a new case";

    private readonly JsonArray _steps = [];

    public PlaygroundScript BotAdded() => Add(new JsonObject { ["conversationUpdate"] = "membersAdded" });

    public PlaygroundScript Send(string text) => Add(new JsonObject { ["send"] = text });

    public PlaygroundScript Click(string title) => Add(new JsonObject { ["click"] = new JsonObject { ["title"] = title } });

    /// <summary>Action.Submit on the last card whose title matches <paramref name="pattern"/> (a JavaScript regex).</summary>
    public PlaygroundScript ClickMatching(string pattern) => Add(new JsonObject { ["click"] = new JsonObject { ["titleMatches"] = pattern } });

    public PlaygroundScript Execute(string title) => Add(new JsonObject { ["execute"] = new JsonObject { ["title"] = title } });

    /// <summary>The next bot message must contain <paramref name="literal"/> (matched as text, not as a regex).</summary>
    public PlaygroundScript Expect(string literal) => ExpectPattern(JsRegexEscape(literal));

    public PlaygroundScript ExpectPattern(string pattern) =>
        Add(new JsonObject { ["expect"] = pattern, ["timeoutMs"] = 15000 });

    public PlaygroundScript ExpectNoReply(int milliseconds) => Add(new JsonObject { ["expectNoReply"] = milliseconds });

    /// <summary>
    /// The step just added happens in <paramref name="conversation"/> ("personal", "group" or "channel") instead of the
    /// run's own conversation; on an expectation, the reply must be in that conversation.
    /// </summary>
    public PlaygroundScript In(string conversation)
    {
        ((JsonObject)_steps[^1]!)["in"] = conversation;
        return this;
    }

    /// <summary>
    /// Answers every question of <paramref name="path"/> from the first (which must be on screen), reviews,
    /// and checks the guidance card. <paramref name="owner"/>: the "X's case" label group cards must carry.
    /// </summary>
    public PlaygroundScript Walk(WalkthroughPath path, AnswerBy by, string? owner = null)
    {
        // In a group every card starts with whose case it is (the summary comes first in what is matched).
        var ownerFirst = owner is null ? "" : $"{JsRegexEscape($"{owner}'s case")}[\\s\\S]*";
        for (var i = 0; i < path.Steps.Count; i++)
        {
            var title = path.Steps[i].Choice.Title;
            var next = ownerFirst + JsRegexEscape(i + 1 < path.Steps.Count ? path.Steps[i + 1].Question.Text : "Check your answers");
            switch (by)
            {
                case AnswerBy.Typing:
                    Send(title).Expect(title).ExpectPattern(next);
                    break;
                case AnswerBy.ClickingSubmit:
                    Click(title).Expect(title).ExpectPattern(next);
                    break;
                case AnswerBy.ClickingExecute:
                    // The next question is posted while the invoke runs; the invoke's own answer (the clicked
                    // card, now answered and read-only) arrives after it.
                    Execute(title).ExpectPattern(next).ExpectPattern($"application/vnd\\.microsoft\\.card\\.adaptive[\\s\\S]*{JsRegexEscape(title)}");
                    break;
            }
        }

        // The guidance card: its headline, and the way on to the next case.
        var guidance = $"{ownerFirst}{JsRegexEscape(path.Advice.Headline)}[\\s\\S]*{JsRegexEscape(StartNewCase)}";
        if (by == AnswerBy.ClickingExecute)
        {
            return Execute(ShowGuidance).ExpectPattern(guidance).ExpectPattern("activity\\.message");
        }

        return Click(ShowGuidance).ExpectPattern(guidance);
    }

    public string ToJson() => _steps.ToJsonString();

    private PlaygroundScript Add(JsonObject step)
    {
        _steps.Add(step);
        return this;
    }

    public static string JsRegexEscape(string literal) => JsSpecial().Replace(literal, @"\$0");

    [GeneratedRegex(@"[.*+?^${}()|\[\]\\/]")]
    private static partial Regex JsSpecial();
}
