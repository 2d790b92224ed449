using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Teams.References;
using NotesGuard.Teams.Tests.Infrastructure;

namespace NotesGuard.Teams.Tests;

/// <summary>
/// What Teams sends and what comes back, with authentication off (Development, no App ID — how the
/// playground runs): mentions, channel threads, the welcome, duplicates, card clicks of both kinds.
/// </summary>
public sealed class InboundTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;
    private TeamsTestHost _host = null!;

    private string ServiceUrl => _connector.ServiceUrl;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _host = await TeamsTestHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Theory]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task The_bots_mention_is_removed_and_the_turn_belongs_to_the_person_in_a_group(string conversationType)
    {
        using var response = await _host.PostAsync(Activities.Mentioning(ServiceUrl, "new case", conversationType, userName: "Alex Smith"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turn = Assert.Single(_host.Engine.Turns);
        Assert.Equal("new case", turn.Text);
        Assert.Equal(ConversationScope.Group, turn.Scope);
        Assert.Equal("Alex Smith", turn.UserDisplayName);
        Assert.Equal(Activities.UserId, turn.UserId);
    }

    [Fact]
    public async Task A_conversation_id_no_connector_url_could_carry_is_refused_with_400_before_any_turn()
    {
        var activity = Activities.Message(ServiceUrl, "hello", "personal", conversationId: "a:" + new string('x', 5_000));

        using var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("conversation.id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_host.Engine.Turns);
    }

    [Fact]
    public async Task Card_data_that_is_not_UTF_8_is_refused_with_400_before_any_turn()
    {
        var activity = Activities.Submit(ServiceUrl, "card-1", new JsonObject { ["notesguard"] = "PLACEHOLDER" });
        var json = System.Text.Encoding.UTF8.GetBytes(activity.ToJsonString());
        var at = System.Text.Encoding.UTF8.GetBytes(activity.ToJsonString().Split("PLACEHOLDER")[0]).Length;
        json[at] = 0x9A;
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await _host.Client.PostAsync("/api/messages", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Engine.Turns);
    }

    [Fact]
    public async Task A_null_among_the_entities_is_skipped_and_the_mention_still_removed()
    {
        var activity = Activities.Mentioning(ServiceUrl, "new case", "groupChat");
        activity["entities"]!.AsArray().Insert(0, null);

        await _host.PostAsync(activity);

        Assert.Equal("new case", Assert.Single(_host.Engine.Turns).Text);
    }

    [Fact]
    public async Task A_null_among_the_members_added_is_skipped_and_the_bot_still_says_welcome()
    {
        var activity = Activities.BotAdded(ServiceUrl, "personal");
        activity["membersAdded"]!.AsArray().Insert(0, null);

        await _host.PostAsync(activity);

        Assert.Single(_host.Engine.Turns);
    }

    [Fact]
    public async Task A_message_with_attachments_of_any_shape_is_still_a_turn()
    {
        var activity = Activities.Message(ServiceUrl, "hello");
        activity["attachments"] = new JsonArray(
            new JsonObject { ["contentType"] = "text/html", ["content"] = "<p>hello</p>" },
            new JsonObject { ["contentType"] = "application/vnd.microsoft.teams.file.download.info", ["content"] = new JsonObject { ["uniqueId"] = "x", ["fileType"] = "pdf" } },
            new JsonObject { ["contentType"] = "image/*" });

        using var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello", Assert.Single(_host.Engine.Turns).Text);
    }

    [Fact]
    public async Task Mentions_of_other_people_are_left_in_the_text()
    {
        var activity = Activities.Mentioning(ServiceUrl, "ask <at>Sam</at>", "groupChat");
        activity["entities"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>Sam</at>",
            ["mentioned"] = new JsonObject { ["id"] = "29:sam", ["name"] = "Sam" },
        });

        await _host.PostAsync(activity);

        Assert.Equal("ask <at>Sam</at>", Assert.Single(_host.Engine.Turns).Text);
    }

    [Fact]
    public async Task In_a_channel_the_replies_go_into_the_thread()
    {
        const string thread = "19:supervision@thread.tacv2;messageid=1700000000042";
        var activity = Activities.Mentioning(ServiceUrl, "new case", "channel", thread);

        await _host.PostAsync(activity);

        var reply = Assert.Single(_connector.Messages);
        var encodedThread = Uri.EscapeDataString(thread);
        Assert.Equal($"/connector/v3/conversations/{encodedThread}/activities/{activity["id"]}", reply.RawPath);
        Assert.Equal(thread, reply.Body?["conversation"]?["id"]?.GetValue<string>());
        Assert.Equal(Activities.BotId, reply.Body?["from"]?["id"]?.GetValue<string>());
        Assert.All(_connector.Calls, c => Assert.StartsWith($"/connector/v3/conversations/{encodedThread}/", c.RawPath, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("slack")]
    [InlineData("webchat")]
    [InlineData(null)]
    public async Task The_channel_comes_from_the_endpoint_not_from_the_body(string? claimedChannel)
    {
        var activity = Activities.Message(ServiceUrl, "hello", conversationId: "a:personal-claims");
        activity["channelId"] = claimedChannel;

        await _host.PostAsync(activity);

        var turn = Assert.Single(_host.Engine.Turns);
        Assert.Equal("msteams", turn.ChannelId);
        Assert.Equal("msteams", turn.StateKey.ChannelId);
        Assert.All(_connector.Calls, c => Assert.Equal("msteams", c.Body?["channelId"]?.GetValue<string>()));
        var reference = await _host.Services.GetRequiredService<ConversationReferenceStore>().FindAsync("a:personal-claims", default);
        Assert.Equal("msteams", reference?.ChannelId);
    }

    [Fact]
    public async Task A_body_claiming_to_be_Slack_cannot_reuse_a_Slack_delivery_id_to_be_dropped_as_a_duplicate()
    {
        // Delivery ids are remembered per channel and conversation: a Teams body saying "slack" must not land in Slack's set.
        await _host.Store.TryMarkProcessedAsync("slack", "a:personal-alex", "Ev0123SHARED", TimeSpan.FromHours(1));
        var activity = Activities.Message(ServiceUrl, "hello", id: "Ev0123SHARED");
        activity["channelId"] = "slack";

        await _host.PostAsync(activity);

        Assert.Equal("msteams", Assert.Single(_host.Engine.Turns).ChannelId);
    }

    [Fact]
    public async Task A_retried_activity_is_answered_once()
    {
        var activity = Activities.Message(ServiceUrl, "hello");

        using var first = await _host.PostAsync(activity);
        using var retry = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(_host.Engine.Turns);
        Assert.Single(_connector.Messages);
    }

    [Fact]
    public async Task Adding_the_bot_to_a_group_welcomes_once_and_members_joining_get_nothing()
    {
        await _host.PostAsync(Activities.BotAdded(ServiceUrl, "channel", Activities.ChannelConversation, "29:alex", "29:sam"));
        await _host.PostAsync(Activities.BotAdded(ServiceUrl, "channel", Activities.ChannelConversation)); // Teams announcing it again
        await _host.PostAsync(Activities.MembersAdded(ServiceUrl, "channel", [.. Enumerable.Range(0, 50).Select(i => $"29:member-{i}")]));

        var welcome = Assert.Single(_connector.Messages);
        Assert.Equal("POST", welcome.Method);
        Assert.Contains("Start my case", welcome.Card!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("each person runs their own case", welcome.Card!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(_host.Engine.Turns);
    }

    [Fact]
    public async Task Adding_the_bot_in_a_personal_chat_starts_the_engines_welcome_once()
    {
        _host.Engine.Answer = _ => [new TextReply("Welcome text", TextKind.Welcome, "NotesGuard"), SampleReplies.Question()];

        await _host.PostAsync(Activities.BotAdded(ServiceUrl, "personal", "a:personal-new", Activities.UserId));
        await _host.PostAsync(Activities.BotAdded(ServiceUrl, "personal", "a:personal-new", Activities.UserId));

        var turn = Assert.Single(_host.Engine.Turns);
        Assert.Null(turn.Text);
        Assert.Null(turn.ActionValue);
        Assert.Equal(2, _connector.Messages.Count);
        Assert.Contains("Welcome text", _connector.Messages[0].Card!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_group_welcomes_Start_my_case_button_is_new_case_typed_by_whoever_clicks()
    {
        var click = Activities.Submit(ServiceUrl, "welcome-card", new JsonObject { ["notesguardText"] = "new case" }, "groupChat", "Sam", "29:sam");

        await _host.PostAsync(click);

        var turn = Assert.Single(_host.Engine.Turns);
        Assert.Equal(("new case", "29:sam", null), (turn.Text, turn.UserId, turn.ActionValue));
    }

    [Fact]
    public async Task An_Action_Submit_click_updates_the_clicked_card_to_the_answered_question_and_posts_the_next()
    {
        _host.Engine.Answer = _ => [SampleReplies.Answered(clicked: true), SampleReplies.Question()];
        var click = Activities.Submit(ServiceUrl, "card-7", new JsonObject { ["notesguard"] = "ng1|a|case-1|tag|requester|police|" });

        await _host.PostAsync(click);

        Assert.Equal("ng1|a|case-1|tag|requester|police|", Assert.Single(_host.Engine.Turns).ActionValue);
        Assert.Collection(
            _connector.Messages,
            update =>
            {
                Assert.Equal("PUT", update.Method);
                Assert.EndsWith("/activities/card-7", update.RawPath, StringComparison.Ordinal);
                Assert.Null(update.Card?["actions"]);
                Assert.Contains("Police", update.Card!.ToJsonString(), StringComparison.Ordinal);
            },
            next =>
            {
                Assert.Equal("POST", next.Method);
                Assert.Contains("Question 2 of about 6", next.Body!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
            });
    }

    [Fact]
    public async Task A_typed_answer_also_turns_the_question_card_it_answers_read_only()
    {
        _host.Engine.Answer = turn => turn.Text == "hello"
            ? [SampleReplies.Question()]
            : [SampleReplies.Answered(clicked: false), SampleReplies.Question()];
        await _host.PostAsync(Activities.Message(ServiceUrl, "hello"));
        var questionCardPosts = _connector.Messages.Count;

        await _host.PostAsync(Activities.Message(ServiceUrl, "police"));

        var update = _connector.Messages[questionCardPosts];
        Assert.Equal("PUT", update.Method);
        Assert.EndsWith("/activities/activity-1", update.RawPath, StringComparison.Ordinal); // the question card: a fast turn sends no typing
        Assert.Null(update.Card?["actions"]);
        Assert.Equal("POST", _connector.Messages[questionCardPosts + 1].Method);
    }

    [Fact]
    public async Task An_Action_Execute_click_is_answered_in_the_response_with_the_answered_card()
    {
        _host.Engine.Answer = _ => [SampleReplies.Answered(clicked: true), SampleReplies.Question()];

        using var response = await _host.PostAsync(Activities.Execute(ServiceUrl, "card-9", new JsonObject { ["notesguard"] = "ng1|a|x" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", body["value"]!["type"]!.GetValue<string>());
        Assert.Contains("Police", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        var next = Assert.Single(_connector.Messages);
        Assert.Equal("POST", next.Method);
        Assert.Equal("ng1|a|x", Assert.Single(_host.Engine.Turns).ActionValue);
    }

    [Fact]
    public async Task An_Action_Execute_with_data_NotesGuard_did_not_make_is_a_card_error_not_a_turn()
    {
        using var response = await _host.PostAsync(Activities.Execute(ServiceUrl, "card-9", new JsonObject { ["other"] = 1 }));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        Assert.Empty(_host.Engine.Turns);
    }

    [Fact]
    public async Task Unknown_activity_types_are_acknowledged_and_ignored()
    {
        var activity = Activities.Message(ServiceUrl, "");
        activity["type"] = "messageReaction";

        using var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Engine.Turns);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task Bad_bodies_get_clear_errors_and_no_turn()
    {
        using var malformed = await _host.PostRawAsync("{\"type\": \"message\", ");
        using var notAnObject = await _host.PostRawAsync("[1,2,3]");
        var noConversation = Activities.Message(ServiceUrl, "hello");
        noConversation.Remove("conversation");
        using var missing = await _host.PostAsync(noConversation);
        using var huge = await _host.PostAsync(Activities.Message(ServiceUrl, new string('x', 300 * 1024)));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        // RFC 9457 problem details: a client that reads "title" (or just the status) learns what was wrong.
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await missing.Content.ReadAsStringAsync())!;
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.Contains("conversation.id", problem["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Empty(_host.Engine.Turns);
    }

    [Fact]
    public async Task A_conversation_reference_is_kept_for_proactive_messages_and_dropped_on_uninstall()
    {
        await _host.PostAsync(Activities.Message(ServiceUrl, "hello", conversationId: "a:personal-ref"));
        var references = _host.Services.GetRequiredService<ConversationReferenceStore>();

        var saved = await references.FindAsync("a:personal-ref", default);
        Assert.NotNull(saved);
        Assert.Equal((ServiceUrl, Activities.BotId, "tenant-1"), (saved.ServiceUrl, saved.BotId, saved.TenantId));

        var uninstall = Activities.Message(ServiceUrl, "", conversationId: "a:personal-ref");
        uninstall["type"] = "installationUpdate";
        uninstall["action"] = "remove";
        await _host.PostAsync(uninstall);
        Assert.Null(await references.FindAsync("a:personal-ref", default));
    }

    [Fact]
    public async Task A_proactive_message_reaches_a_personal_chat_the_bot_has_spoken_in_and_starts_a_thread_in_a_channel()
    {
        await _host.PostAsync(Activities.Message(ServiceUrl, "hello", conversationId: "a:personal-proactive"));
        await _host.PostAsync(Activities.Mentioning(ServiceUrl, "hello", "channel", "19:supervision@thread.tacv2;messageid=1700000000077"));
        var before = _connector.Calls.Count;
        var messenger = _host.Services.GetRequiredService<TeamsProactiveMessenger>();

        var personal = await messenger.SendAsync("a:personal-proactive", new TextReply("Practice notice"), default);
        var channel = await messenger.SendAsync("19:supervision@thread.tacv2;messageid=1700000000077", new TextReply("Practice notice"), default);
        var unknown = await messenger.SendAsync("a:never-seen", new TextReply("Practice notice"), default);

        var sent = _connector.Calls.Skip(before).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(("POST", "/connector/v3/conversations/a%3Apersonal-proactive/activities"), (sent[0].Method, sent[0].RawPath));
        Assert.Equal(("POST", "/connector/v3/conversations"), (sent[1].Method, sent[1].RawPath));
        Assert.Equal("19:supervision@thread.tacv2", sent[1].Body?["channelData"]?["channel"]?["id"]?.GetValue<string>());
        Assert.NotNull(personal);
        Assert.NotNull(channel);
        Assert.Null(unknown);
    }

    [Fact]
    public async Task Forget_me_also_drops_the_conversation_reference_that_holds_the_users_id()
    {
        await _host.PostAsync(Activities.Message(ServiceUrl, "hello", conversationId: "a:personal-forget"));
        var references = _host.Services.GetRequiredService<ConversationReferenceStore>();
        Assert.NotNull(await references.FindAsync("a:personal-forget", default));

        await _host.PostAsync(Activities.Message(ServiceUrl, "forget me", conversationId: "a:personal-forget"));

        Assert.Null(await references.FindAsync("a:personal-forget", default));
        Assert.Equal("forget me", _host.Engine.Turns[^1].Text);

        // The engine said the person was forgotten, so the next message saves their reference afresh.
        await _host.PostAsync(Activities.Message(ServiceUrl, "hello again", conversationId: "a:personal-forget"));
        Assert.NotNull(await references.FindAsync("a:personal-forget", default));
    }

    [Fact]
    public async Task Forget_me_pressed_as_an_Execute_button_lets_the_next_message_save_the_reference_again()
    {
        const string conversation = "a:personal-forget-execute";
        await _host.PostAsync(Activities.Message(ServiceUrl, "hello", conversationId: conversation));
        var references = _host.Services.GetRequiredService<ConversationReferenceStore>();
        Assert.NotNull(await references.FindAsync(conversation, default));

        var forget = Activities.Execute(ServiceUrl, "card-forget", new JsonObject { ["notesguard"] = RecordingTurnHandler.ForgetMeButton });
        forget["conversation"]!["id"] = conversation;
        using (var response = await _host.PostAsync(forget))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Null(await references.FindAsync(conversation, default));

        // The invoke saved the reference before the engine deleted it; this instance must not still believe it saved.
        await _host.PostAsync(Activities.Message(ServiceUrl, "hello again", conversationId: conversation));
        Assert.NotNull(await references.FindAsync(conversation, default));
    }

    [Fact]
    public async Task The_endpoint_is_not_there_when_the_Teams_channel_is_disabled()
    {
        await using var host = await TeamsTestHost.StartAsync(
            settings: new Dictionary<string, string?> { ["Teams:Enabled"] = "false" }, environment: "Production");

        using var response = await host.PostAsync(Activities.Message(ServiceUrl, "hello"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
