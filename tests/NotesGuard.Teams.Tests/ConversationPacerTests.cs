using Microsoft.Extensions.Options;
using NotesGuard.Teams.Connector;

namespace NotesGuard.Teams.Tests;

/// <summary>Teams throttles per conversation: a busy conversation waits its turn, others are not held up.</summary>
public sealed class ConversationPacerTests
{
    [Fact]
    public async Task Operations_beyond_the_per_second_budget_wait_while_another_conversation_goes_straight_through()
    {
        using var pacer = new ConversationPacer(Options.Create(new TeamsOptions { OperationsPerSecondPerConversation = 2 }));

        await pacer.WaitTurnAsync("busy", default);
        await pacer.WaitTurnAsync("busy", default);
        var third = pacer.WaitTurnAsync("busy", default);
        var elsewhere = pacer.WaitTurnAsync("quiet", default);

        Assert.True(elsewhere.IsCompletedSuccessfully);
        Assert.False(third.IsCompleted);
        await third; // released when the bucket refills
    }
}
