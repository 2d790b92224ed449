using NotesGuard.Conversations.Limits;

namespace NotesGuard.Conversations.Tests.Limits;

public sealed class PersonRateLimiterTests
{
    [Fact]
    public void Each_person_has_their_own_allowance_and_is_told_once_when_it_runs_out()
    {
        using var limiter = new PersonRateLimiter(2, TimeSpan.FromMinutes(1));

        var alex = Enumerable.Range(0, 5).Select(_ => limiter.Check("slack", "T1:U0ALEX")).ToList();
        var sam = limiter.Check("slack", "T1:U0SAM");

        Assert.Equal([true, true, false, false, false], alex.Select(v => v.Allowed));
        Assert.Equal([false, false, true, false, false], alex.Select(v => v.TellThePerson));
        Assert.InRange(alex[2].RetryAfterSeconds, 1, 60);
        Assert.True(sam.Allowed);
    }

    [Fact]
    public void The_same_id_on_another_channel_is_another_person()
    {
        using var limiter = new PersonRateLimiter(1, TimeSpan.FromMinutes(1));

        Assert.True(limiter.Check("msteams", "29:alex").Allowed);
        Assert.True(limiter.Check("slack", "29:alex").Allowed);
        Assert.False(limiter.Check("msteams", "29:alex").Allowed);
    }
}
