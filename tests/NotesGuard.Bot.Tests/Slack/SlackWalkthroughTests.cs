using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Guidance;

namespace NotesGuard.Bot.Tests.Slack;

/// <summary>Full walkthroughs through the real engine and advisor, by signed Slack events and clicks, against a fake Slack.</summary>
public sealed class SlackWalkthroughTests : IAsyncLifetime
{
    private SlackBotHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SlackBotHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private Walkthrough FirstWalkthroughTo(string outcome) =>
        ((Advisor)_harness.Bot.Services.GetRequiredService<IAdvisor>()).Walkthroughs().First(w => w.Advice.Outcome == outcome);

    public static TheoryData<string> Outcomes => [.. AdviceContract.Outcomes];

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task A_direct_message_walkthrough_reaches_the_guidance_card_for_every_outcome(string outcome)
    {
        var walkthrough = FirstWalkthroughTo(outcome);
        var answers = walkthrough.Answers.ToDictionary(a => a.Key, a => a.Value);

        var ack = await _harness.Requests.EventAsync(SlackPayloads.DirectMessage("EvStart-" + outcome, "U0ALEX", "hello"));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);

        var modal = await _harness.AnswerByClickingAsync("U0ALEX", "D0DIRECT", threadTs: null, answers);
        var metadata = modal.Body["view"]!["private_metadata"]!.GetValue<string>();
        await _harness.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("text") == "Check your answers");
        Assert.DoesNotContain(_harness.Slack.CallsTo("chat.postMessage"), c => c.Str("text") == Headline(walkthrough.Advice));

        var submit = await _harness.Requests.InteractionAsync(SlackPayloads.ViewSubmission("U0ALEX", metadata));

        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var card = Assert.Single(await _harness.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("text") == Headline(walkthrough.Advice)));
        Assert.Equal("D0DIRECT", card.Str("channel"));
        var cardJson = card.Body.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains(Rendering(walkthrough.Advice.Disclaimer), cardJson, StringComparison.Ordinal);
        Assert.Contains(Rendering(walkthrough.Advice.HandOverNotesLabel), cardJson, StringComparison.Ordinal);
        Assert.All(_harness.Slack.Calls, c => Assert.True(c.Method == "response_url" || c.Token == SlackBotHarness.BotToken));
    }

    [Fact]
    public async Task A_mention_in_a_channel_runs_the_case_in_its_thread_and_the_card_lands_there()
    {
        const string channel = "C0SUPERVISION";
        const string thread = "1700000100.000200";
        var walkthrough = FirstWalkthroughTo("request-not-valid-yet");

        await _harness.Requests.EventAsync(SlackPayloads.Mention("EvMention", "U0ALEX", "new case", channel, ts: thread));
        var modal = await _harness.AnswerByClickingAsync("U0ALEX", channel, thread, walkthrough.Answers.ToDictionary(a => a.Key, a => a.Value));
        await _harness.Requests.InteractionAsync(SlackPayloads.ViewSubmission("U0ALEX", modal.Body["view"]!["private_metadata"]!.GetValue<string>()));

        var card = await _harness.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("text") == Headline(walkthrough.Advice));
        Assert.Equal(thread, card[0].Str("thread_ts"));
        Assert.All(_harness.Slack.CallsTo("chat.postMessage"), c => Assert.Equal(thread, c.Str("thread_ts")));
    }

    [Fact]
    public async Task Two_colleagues_in_one_thread_each_keep_their_own_walkthrough()
    {
        const string channel = "C0SUPERVISION";
        const string thread = "1700000500.000100";

        await _harness.Requests.EventAsync(SlackPayloads.Mention("EvAlex", "U0ALEX", "new case", channel, ts: thread));
        var (alexQuestion, alexChoices) = await _harness.NextQuestionAsync(channel, thread, 0);
        await _harness.Requests.EventAsync(SlackPayloads.Mention("EvSam", "U0SAM", "new case", channel, ts: "1700000501.000100", threadTs: thread));
        await _harness.NextQuestionAsync(channel, thread, 1);

        // Sam clicks Alex's question: it is not applied to Alex's case.
        var (actionId, value) = alexChoices[0];
        await _harness.Requests.InteractionAsync(SlackPayloads.Click("U0SAM", actionId, value.Encode(), channel, alexQuestion.AnsweredTs!, thread, actionTs: "1700000600.000001"));
        await _harness.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.RawBody.Contains("belongs", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(_harness.Slack.CallsTo("chat.update"), c => c.Str("ts") == alexQuestion.AnsweredTs);
    }

    [Fact]
    public async Task Slack_retries_of_an_event_are_answered_once()
    {
        var message = SlackPayloads.DirectMessage("EvRetried", "U0ALEX", "hello");

        await _harness.Requests.EventAsync(message);
        await _harness.Requests.EventAsync(message, retryNumber: 1);
        await _harness.Requests.EventAsync(message, retryNumber: 2);

        await _harness.NextQuestionAsync("D0DIRECT", null, 0);
        await _harness.QueueDrainedAsync();
        Assert.Single(_harness.Posts("D0DIRECT"), c => SlackBotHarness.ChoicesOf(c).Count > 0);
    }

    [Fact]
    public async Task Typing_answers_in_a_dm_works_as_well_as_clicking()
    {
        await _harness.Requests.EventAsync(SlackPayloads.DirectMessage("EvT1", "U0ALEX", "hello"));
        await _harness.NextQuestionAsync("D0DIRECT", null, 0);

        await _harness.Requests.EventAsync(SlackPayloads.DirectMessage("EvT2", "U0ALEX", "Scotland", ts: "1700000010.000100"));

        var (_, choices) = await _harness.NextQuestionAsync("D0DIRECT", null, 1);
        var expected = _harness.Bot.Services.GetRequiredService<IAdvisor>().Advise(AnswerSet.Empty.With("jurisdiction", "scotland")).NextQuestion!.Id;
        Assert.Equal(expected, choices[0].Value.Target);
    }

    [Fact]
    public async Task The_why_button_gives_the_rulebooks_reason_only_to_the_person_who_asked()
    {
        await _harness.Requests.EventAsync(SlackPayloads.DirectMessage("EvWhy", "U0ALEX", "hello"));
        var (question, _) = await _harness.NextQuestionAsync("D0DIRECT", null, 0);
        var why = SlackBotHarness.Buttons(question.Body).Single(b => b["action_id"]!.GetValue<string>().StartsWith("ng-why", StringComparison.Ordinal));

        await _harness.Requests.InteractionAsync(SlackPayloads.Click("U0ALEX", why["action_id"]!.GetValue<string>(), why["value"]!.GetValue<string>(), "D0DIRECT", question.AnsweredTs!));

        var ephemeral = Assert.Single(await _harness.Slack.WaitForAsync("chat.postEphemeral"));
        var rulebookWhy = _harness.Bot.Services.GetRequiredService<IAdvisor>().GetQuestion("jurisdiction").Why;
        Assert.Equal(Rendering(rulebookWhy), ephemeral.Str("text"));
    }

    [Fact]
    public async Task App_home_shows_the_rulebook_version_and_its_helpline_instruction()
    {
        await _harness.Requests.EventAsync(SlackPayloads.AppHomeOpened("EvHome", "U0ALEX"));

        var publish = Assert.Single(await _harness.Slack.WaitForAsync("views.publish"));
        var advisor = (Advisor)_harness.Bot.Services.GetRequiredService<IAdvisor>();
        var view = publish.Body["view"]!.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains($"Rulebook {advisor.RulebookVersion}", view, StringComparison.Ordinal);
        Assert.Contains(Rendering(advisor.Rulebook.HelplineInstruction), view, StringComparison.Ordinal);
        Assert.Contains("ng-home-new", view, StringComparison.Ordinal);
    }

    private static string Headline(Advice advice) => Rendering(advice.Headline);

    private static string Rendering(string text) => NotesGuard.Slack.Rendering.Mrkdwn.Escape(text);
}
