using NotesGuard.Conversations.Tests.Infrastructure;

namespace NotesGuard.Conversations.Tests.Dialogs;

/// <summary>The review before the card: every answer with a way to change it.</summary>
public sealed class ReviewTranscriptTests : IDisposable
{
    private readonly TestEngine _bot = new();

    [Fact]
    public async Task Changing_an_answer_in_the_review_asks_that_question_and_comes_back_to_the_review()
    {
        var person = new TranscriptClient(_bot.Engine);
        await WalkToCourtOrderReview(person);

        var again = await person.Clicks("Change").BotAsks("safeguardingConcern");
        Assert.Equal(4, again.Number);
        var review = await person.Chooses("yes").BotShowsReview();
        Assert.Equal(["jurisdiction", "requester", "courtOrder", "safeguardingConcern"], review.Items.Select(i => i.QuestionId));

        var card = await person.Clicks("Show the guidance").BotShowsGuidance("comply-with-court-order");
        Assert.Contains(card.Advice.Steps, s => s.Code == "safeguarding-duty");
    }

    [Fact]
    public async Task Changing_an_early_answer_drops_answers_that_no_longer_apply_and_asks_the_new_branch()
    {
        var person = new TranscriptClient(_bot.Engine);
        await WalkToCourtOrderReview(person);

        // Typed "change 3" picks the third answer, the court order, which keeps its place as question 3.
        var courtOrder = await person.Says("change 3").BotAsks("courtOrder");
        Assert.Equal(3, courtOrder.Number);
        await person.Chooses("no").BotAsks("clientRole");
        await person.Chooses("suspect").BotShowsReview();

        var review = person.Last.Review!;
        Assert.Equal(["jurisdiction", "requester", "courtOrder", "clientRole", "safeguardingConcern"], review.Items.Select(i => i.QuestionId));
        await person.Says("yes").BotShowsGuidance("suspect-records-request");
    }

    [Fact]
    public async Task Changing_the_requester_to_the_defence_removes_the_police_only_questions()
    {
        var person = new TranscriptClient(_bot.Engine);
        await person.Says("hi");
        await person.Chooses("england-wales");
        await person.Chooses("police");
        await person.Chooses("no").BotAsks("clientRole");
        await person.Chooses("complainant").BotAsks("inWriting");
        await person.Chooses("no").BotAsks("safeguardingConcern");
        var review = await person.Chooses("no").BotShowsReview();
        Assert.Contains(review.Items, i => i.QuestionId == "inWriting");

        await person.ClicksValue(review.Items.Single(i => i.QuestionId == "requester").Change.Value).BotAsks("requester");
        var changed = await person.Chooses("defence").BotShowsReview();

        Assert.Equal(["jurisdiction", "requester", "courtOrder", "safeguardingConcern"], changed.Items.Select(i => i.QuestionId));
        await person.Clicks("Show the guidance").BotShowsGuidance("no-obligation-without-order");
    }

    [Fact]
    public async Task Nonsense_at_the_review_repeats_it_with_a_hint()
    {
        var person = new TranscriptClient(_bot.Engine);
        await WalkToCourtOrderReview(person);

        await person.Says("banana").BotSays("Show the guidance");
        Assert.NotNull(person.Last.Review);
    }

    private static async Task WalkToCourtOrderReview(TranscriptClient person)
    {
        await person.Says("hi").BotAsks("jurisdiction");
        await person.Chooses("england-wales").BotAsks("requester");
        await person.Chooses("police").BotAsks("courtOrder");
        await person.Chooses("yes").BotAsks("safeguardingConcern");
        await person.Chooses("no").BotShowsReview();
    }

    public void Dispose() => _bot.Dispose();
}
