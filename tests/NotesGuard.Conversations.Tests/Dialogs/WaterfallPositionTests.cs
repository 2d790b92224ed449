using NotesGuard.Conversations.Dialogs.Waterfall;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;

namespace NotesGuard.Conversations.Tests.Dialogs;

/// <summary>
/// A saved walkthrough resumes at the step it was waiting in, by that step's name: a release that adds or
/// reorders steps does not send it into the wrong one, and a release that removes the step starts it afresh.
/// </summary>
public sealed class WaterfallPositionTests
{
    [Fact]
    public void A_saved_position_resumes_in_the_same_step_after_the_steps_are_reordered()
    {
        var saved = new Position();
        var before = new Interview(Interview.Layout.Original);
        before.Begin(Context(saved));
        Assert.Equal("Greet", saved.StepName);

        var after = new Interview(Interview.Layout.Reordered);
        Assert.True(after.KnowsPosition(saved));
        after.Continue(Context(saved), "ann", clicked: true);

        Assert.Equal(["Greet:ann"], after.Ran);
    }

    [Fact]
    public void A_saved_position_in_a_step_that_no_longer_exists_is_refused()
    {
        var saved = new Position();
        new Interview(Interview.Layout.Original).Begin(Context(saved));

        var after = new Interview(Interview.Layout.WithoutGreet);

        Assert.False(after.KnowsPosition(saved));
        Assert.Throws<InvalidOperationException>(() => after.Continue(Context(saved), "ann", clicked: true));
    }

    [Fact]
    public void Two_steps_with_one_name_are_refused_when_the_dialog_is_built()
    {
        Assert.Throws<InvalidOperationException>(() => new Interview(Interview.Layout.Twice));
    }

    private static WaterfallStepContext<Position> Context(Position state) =>
        new(new Turn("test", "conversation", "user", Guid.NewGuid().ToString("N"), ConversationScope.Personal), state, new List<Reply>());

    private sealed class Position : IWaterfallState
    {
        public string? StepName { get; set; }

        public string? PendingPromptId { get; set; }
    }

    private sealed class Interview : WaterfallDialog<Position>
    {
        public enum Layout
        {
            Original,
            Reordered,
            WithoutGreet,
            Twice,
        }

        public Interview(Layout layout)
        {
            switch (layout)
            {
                case Layout.Original:
                    AddSteps(AskName, Greet, Wrap);
                    break;
                case Layout.Reordered:
                    AddSteps(Wrap, AskName, Greet);
                    break;
                case Layout.WithoutGreet:
                    AddSteps(AskName, Wrap);
                    break;
                default:
                    AddSteps(AskName, AskName);
                    break;
            }

            AddPrompt(new ChoicePrompt<Position>("name", _ => [new("ann", "Ann")], (_, _) => { }, "Which name?"));
        }

        public List<string> Ran { get; } = [];

        private StepOutcome AskName(WaterfallStepContext<Position> step)
        {
            Ran.Add("AskName");
            return StepOutcome.Prompt("name");
        }

        private StepOutcome Greet(WaterfallStepContext<Position> step)
        {
            Ran.Add("Greet:" + step.Result);
            return StepOutcome.End;
        }

        private StepOutcome Wrap(WaterfallStepContext<Position> step)
        {
            Ran.Add("Wrap");
            return StepOutcome.End;
        }
    }
}
