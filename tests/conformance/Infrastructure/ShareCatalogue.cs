using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;

namespace NotesGuard.Conformance.Tests.Infrastructure;

/// <summary>Every reply of sharing a case with a group, built by the card model from a real walkthrough, for the validators.</summary>
internal static class ShareCatalogue
{
    private const string ShareId = "0123456789abcdef0123456789abcdef";

    public static IEnumerable<(string Name, Reply Reply)> Replies(Advisor advisor, PracticeTarget group)
    {
        var walkthrough = advisor.Walkthroughs().First();
        var answers = walkthrough.Answers.Select(a =>
        {
            var question = advisor.GetQuestion(a.Key);
            return new SharedAnswer(question.Text, question.Choices.Single(c => c.Value == a.Value).Title);
        }).ToList();
        var shared = ShareCardModel.SharedCard(ShareId, walkthrough.Advice, answers, "Alex <!channel> *Smith*", "Riverside Therapy <!channel>", "Dr Supervisor & Co");
        yield return ("share-guidance-with-button", shared with { OwnerName = null, SharedAnswers = [], Actions = [ShareCardModel.ShareButton("case-1")] });
        // A group's name is the channel's text, not ours: it must be escaped like any other.
        var named = new PracticeGroup(group, "Supervision <!channel> *Tuesdays* & <at>co</at>");
        yield return ("share-pick-list", ShareCardModel.PickList("case-1", [named, new PracticeGroup(group with { ConversationId = group.ConversationId + "-2" }, null)]));
        yield return ("share-confirm", ShareCardModel.Confirm("case-1", named, ShareId));
        yield return ("share-card", shared);
        yield return ("share-done", ShareCardModel.Shared(named, ShareId));
    }
}
