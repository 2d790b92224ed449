using System.Text.Json.Nodes;
using NotesGuard.Conversations.Cards;
using NotesGuard.Slack.Rendering;

namespace NotesGuard.Slack.Home;

/// <summary>
/// The App Home tab (views.publish): what NotesGuard is for, a button to start a new case, who to call, and
/// which rulebook the guidance comes from. Advice wording and numbers come from <see cref="AppHomeContent"/>.
/// </summary>
public sealed class AppHomeRenderer
{
    public JsonObject Render(AppHomeContent content)
    {
        var blocks = new List<JsonObject>
        {
            Blocks.Header(string.IsNullOrWhiteSpace(content.PracticeName) ? "NotesGuard" : $"NotesGuard for {content.PracticeName}"),
        };
        blocks.AddRange(Blocks.Sections(Mrkdwn.Escape(
            "Someone is asking for a client's therapy notes? NotesGuard asks the few questions that decide what to do " +
            "(a court order, the police request's authorisation, your client's consent) and then shows a guidance card " +
            "with the steps, the sources and who to call. Talk to it in the Messages tab, or mention it in a channel " +
            "to work through a case in a thread with your supervision group.")));
        blocks.AddRange(Blocks.Actions([Blocks.Button("Start a new case", SlackActionIds.HomeNewCase, "new", "primary")]));
        blocks.Add(Blocks.Divider());

        var whoToCall = new List<string>();
        if (!string.IsNullOrWhiteSpace(content.HelplineInstruction))
        {
            whoToCall.Add(Mrkdwn.Escape(content.HelplineInstruction));
        }

        whoToCall.AddRange(content.Helplines.Select(h => "• " + GuidanceCardBlocks.HelplineLine(h.Name, h.Phone, h.Hours, h.PolicyNumberHint)));
        if (!string.IsNullOrWhiteSpace(content.SupervisorContact))
        {
            whoToCall.Add("• " + GuidanceCardBlocks.Line(new CardLine(content.SupervisorContact) { Term = CardWords.Supervisor }));
        }

        if (whoToCall.Count > 0)
        {
            blocks.AddRange(Blocks.Sections(Mrkdwn.Bold(CardWords.WhoToCall) + "\n" + string.Join("\n", whoToCall)));
        }

        var footer = new List<string> { Mrkdwn.Escape(CardWords.Rulebook(content.RulebookVersion)) };
        if (!string.IsNullOrWhiteSpace(content.Disclaimer))
        {
            footer.Insert(0, Mrkdwn.Escape(content.Disclaimer));
        }

        blocks.AddRange(Blocks.Contexts(footer));

        var number = 0;
        foreach (var block in blocks.Take(BlockKitLimits.ViewBlocks))
        {
            block["block_id"] = $"ng-home-{++number}";
        }

        return new JsonObject
        {
            ["type"] = "home",
            ["blocks"] = new JsonArray([.. blocks.Take(BlockKitLimits.ViewBlocks)]),
        };
    }
}
