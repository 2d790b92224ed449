namespace NotesGuard.Guidance.Tests;

/// <summary>
/// Drives the advisor question by question down every branch, as a person would, and checks each question
/// was worth asking and each card is the one the contract gives for every way the unasked questions could go.
/// </summary>
public sealed class WalkthroughTests
{
    private static readonly Advisor Advisor = Advisor.Create(new PracticeSettings());

    /// <summary>Outcome plus step codes for every complete answer set, keyed by its canonical text.</summary>
    private static readonly Lazy<Dictionary<string, string>> FullResults = new(() =>
        ContractTable.AllCompleteAnswers().ToDictionary(
            Key,
            a =>
            {
                var advice = Advisor.Advise(AnswerSet.From(a)).Result!;
                return advice.Outcome + ":" + string.Join(",", advice.Steps.Select(s => s.Code));
            }));

    private static string Key(IReadOnlyDictionary<string, string> complete) =>
        string.Join("|", AdviceContract.Answers.Select(a => complete[a.Key]));

    private static IEnumerable<Dictionary<string, string>> Completions(AnswerSet partial, string? except = null)
    {
        var free = AdviceContract.Answers.Where(a => !partial.ContainsKey(a.Key) && a.Key != except).ToList();
        var digits = new int[free.Count];
        while (true)
        {
            var full = new Dictionary<string, string>(partial, StringComparer.Ordinal);
            for (var i = 0; i < free.Count; i++)
            {
                full[free[i].Key] = free[i].Values[digits[i]];
            }

            yield return full;
            var j = free.Count - 1;
            while (j >= 0 && ++digits[j] == free[j].Values.Count)
            {
                digits[j] = 0;
                j--;
            }

            if (j < 0)
            {
                yield break;
            }
        }
    }

    private static List<(AnswerSet Answers, List<string> Asked, AdviceResponse Response)> AllNodes()
    {
        var nodes = new List<(AnswerSet, List<string>, AdviceResponse)>();
        void Visit(AnswerSet answers, List<string> asked)
        {
            var response = Advisor.Advise(answers);
            nodes.Add((answers, asked, response));
            if (response.NextQuestion is { } question)
            {
                foreach (var choice in question.Choices)
                {
                    Visit(answers.With(question.Id, choice.Value), [.. asked, question.Id]);
                }
            }
        }

        Visit(AnswerSet.Empty, []);
        return nodes;
    }

    private static readonly Lazy<List<(AnswerSet Answers, List<string> Asked, AdviceResponse Response)>> Nodes = new(AllNodes);

    [Fact]
    public void Jurisdiction_is_asked_first()
    {
        Assert.Equal("jurisdiction", Advisor.Advise(AnswerSet.Empty).NextQuestion!.Id);
    }

    [Fact]
    public void Every_walkthrough_ends_in_the_card_the_contract_gives_for_every_way_the_unasked_questions_could_go()
    {
        var leaves = Nodes.Value.Where(n => n.Response.IsComplete).ToList();
        Assert.NotEmpty(leaves);
        var covered = 0;
        foreach (var (answers, _, response) in leaves)
        {
            var card = response.Result!.Outcome + ":" + string.Join(",", response.Result.Steps.Select(s => s.Code));
            foreach (var complete in Completions(answers))
            {
                var (outcome, handOver) = ContractTable.Expected(complete);
                Assert.Equal(outcome, response.Result.Outcome);
                Assert.Equal(handOver, response.Result.HandOverNotes);
                Assert.Equal(FullResults.Value[Key(complete)], card);
                covered++;
            }
        }

        // The leaves partition the answer space: every complete answer set is reached exactly once.
        Assert.Equal(ContractTable.CompleteAnswerSets, covered);
    }

    [Fact]
    public void A_question_is_only_asked_when_some_answer_to_it_changes_the_guidance()
    {
        foreach (var (answers, _, response) in Nodes.Value.Where(n => !n.Response.IsComplete))
        {
            var question = response.NextQuestion!;
            Assert.False(answers.ContainsKey(question.Id), $"asked '{question.Id}' again after {AnswerSpaceTests.Describe(answers)}");
            var matters = Completions(answers, except: question.Id).Any(rest =>
                question.Choices
                    .Select(c => FullResults.Value[Key(new Dictionary<string, string>(rest) { [question.Id] = c.Value })])
                    .Distinct()
                    .Count() > 1);
            Assert.True(matters, $"'{question.Id}' cannot change the guidance after {AnswerSpaceTests.Describe(answers)}");
        }
    }

    [Fact]
    public void Questions_come_in_rulebook_order_with_safeguarding_last()
    {
        var order = Advisor.Questions.Select(q => q.Id).ToList();
        foreach (var (_, asked, response) in Nodes.Value.Where(n => n.Response.IsComplete))
        {
            var positions = asked.Select(id => order.IndexOf(id)).ToList();
            Assert.Equal(positions.Order(), positions);
            Assert.Equal("safeguardingConcern", asked[^1]);
        }
    }

    [Fact]
    public void Only_the_contract_s_conditional_questions_wait_for_their_conditions()
    {
        foreach (var (answers, _, response) in Nodes.Value.Where(n => !n.Response.IsComplete))
        {
            var id = response.NextQuestion!.Id;
            var policeWithoutOrder = answers.TryGetValue("requester", out var r) && r == "police"
                && answers.TryGetValue("courtOrder", out var c) && c != "yes";
            switch (id)
            {
                case "clientRole" or "inWriting" or "consent":
                    Assert.True(policeWithoutOrder, $"{id} asked after {AnswerSpaceTests.Describe(answers)}");
                    break;
                case "chiefInspectorAuthorisation":
                    Assert.True(policeWithoutOrder && answers["clientRole"] != "suspect");
                    break;
                case "consentPressure" or "clientCapacity":
                    Assert.Equal("given", answers["consent"]);
                    break;
            }
        }
    }

    [Fact]
    public void The_estimate_of_questions_is_never_below_what_a_walkthrough_actually_asks()
    {
        foreach (var (answers, asked, response) in Nodes.Value)
        {
            var estimate = Advisor.EstimateTotalQuestions(answers);
            if (response.IsComplete)
            {
                Assert.Equal(asked.Count, estimate);
            }
            else
            {
                Assert.True(estimate > asked.Count, $"estimate {estimate} after {asked.Count} answers with a question still to come");
            }
        }

        var longest = Nodes.Value.Where(n => n.Response.IsComplete).Max(n => n.Asked.Count);
        Assert.Equal(longest, Advisor.EstimateTotalQuestions(AnswerSet.Empty));
    }

    [Fact]
    public void Answers_given_out_of_order_or_beyond_what_is_needed_still_lead_to_the_right_card()
    {
        var answers = AnswerSet.From(new Dictionary<string, string>
        {
            ["safeguardingConcern"] = "no",
            ["consent"] = "given",
            ["jurisdiction"] = "scotland",
        });
        var response = Advisor.Advise(answers);
        Assert.Equal("seek-legal-advice-other-jurisdiction", response.Result!.Outcome);
    }
}
