using NotesGuard.Conversations.Tests.Infrastructure;

namespace NotesGuard.Conversations.Tests.Dialogs;

/// <summary>Every outcome of the contract, reached by a person answering the bot's questions one per turn.</summary>
public sealed class OutcomeTranscriptTests : IDisposable
{
    private readonly TestEngine _bot = new();

    public static TheoryData<string, string, bool> Walkthroughs => new()
    {
        { "jurisdiction=scotland safeguardingConcern=no", "seek-legal-advice-other-jurisdiction", true },
        { "jurisdiction=england-wales requester=police courtOrder=yes safeguardingConcern=no", "comply-with-court-order", true },
        { "jurisdiction=england-wales requester=police courtOrder=no clientRole=suspect safeguardingConcern=yes", "suspect-records-request", false },
        { "jurisdiction=england-wales requester=police courtOrder=no clientRole=complainant inWriting=no safeguardingConcern=no", "request-not-valid-yet", true },
        { "jurisdiction=england-wales requester=police courtOrder=unsure clientRole=witness inWriting=yes chiefInspectorAuthorisation=unsure safeguardingConcern=no", "request-not-valid-yet", false },
        { "jurisdiction=england-wales requester=police courtOrder=no clientRole=complainant inWriting=yes chiefInspectorAuthorisation=yes consent=refused safeguardingConcern=no", "authorised-request-without-valid-consent", true },
        { "jurisdiction=england-wales requester=police courtOrder=no clientRole=complainant inWriting=yes chiefInspectorAuthorisation=yes consent=given consentPressure=yes clientCapacity=adult safeguardingConcern=no", "authorised-request-without-valid-consent", false },
        { "jurisdiction=england-wales requester=police courtOrder=no clientRole=complainant inWriting=yes chiefInspectorAuthorisation=yes consent=given consentPressure=no clientCapacity=adult safeguardingConcern=no", "authorised-request-with-consent", true },
        { "jurisdiction=england-wales requester=cps courtOrder=no safeguardingConcern=no", "prosecutor-request", true },
        { "jurisdiction=england-wales requester=client courtOrder=unsure safeguardingConcern=no", "client-access-request", false },
        { "jurisdiction=england-wales requester=social-services courtOrder=no safeguardingConcern=yes", "social-services-request", true },
        { "jurisdiction=england-wales requester=police courtOrder=no clientRole=witness inWriting=yes chiefInspectorAuthorisation=yes consent=given consentPressure=no clientCapacity=child safeguardingConcern=yes", "authorised-request-with-consent", false },
        { "jurisdiction=england-wales requester=defence courtOrder=no safeguardingConcern=no", "no-obligation-without-order", true },
        { "jurisdiction=england-wales requester=parent-or-family courtOrder=no safeguardingConcern=yes", "no-obligation-without-order", false },
    };

    [Theory]
    [MemberData(nameof(Walkthroughs))]
    public async Task Answering_every_question_leads_through_the_review_to_the_contracts_outcome(string path, string outcome, bool byClicking)
    {
        var answers = path.Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var person = new TranscriptClient(_bot.Engine);

        await person.Says("hello").BotAsks("jurisdiction");
        var asked = new List<string>();
        while (person.Last.Question is { } q && person.Last.Review is null)
        {
            Assert.True(answers.TryGetValue(q.QuestionId, out var value), $"the bot asked {q.QuestionId}, which this path does not expect");
            asked.Add(q.QuestionId);
            Assert.Equal(asked.Count, q.Number);
            Assert.True(q.AboutTotal >= q.Number, q.ProgressText);
            if (byClicking)
            {
                await person.Chooses(value);
            }
            else
            {
                // Typed, as the contract code a person might copy from the docs.
                await person.Says(value);
            }
        }

        Assert.Equal(answers.Keys.Order(), asked.Order());
        var review = person.Last.Review ?? throw new Xunit.Sdk.XunitException($"expected the review, got:\n{person.Last}");
        Assert.Equal(asked, review.Items.Select(i => i.QuestionId));

        var card = await person.Clicks("Show the guidance").BotShowsGuidance(outcome);
        Assert.Equal(_bot.Advisor.RulebookVersion, card.Advice.RulebookVersion);
        Assert.Contains(card.Actions, a => a.Title == "Start a new case");
        Assert.Empty(person.Last.Texts);
        Assert.Null(card.OwnerName);
    }

    public void Dispose() => _bot.Dispose();
}
