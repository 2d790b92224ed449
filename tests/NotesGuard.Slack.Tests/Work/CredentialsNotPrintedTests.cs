using NotesGuard.Slack.Install;
using NotesGuard.Slack.Work;

namespace NotesGuard.Slack.Tests.Work;

/// <summary>
/// Records print every property when formatted (a log argument, an exception message, a debugger): the ones that
/// hold a workspace's bot token, a response_url or a person's id print that they are there, not what they are.
/// </summary>
public sealed class CredentialsNotPrintedTests
{
    [Fact]
    public void An_install_printed_shows_its_workspace_but_not_its_token()
    {
        var install = new SlackInstallation("T0PRACTICE", "xoxb-1234-secret", "U0BOT", "Riverside", DateTimeOffset.UnixEpoch);

        var printed = install.ToString();

        Assert.Contains("T0PRACTICE", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxb-1234-secret", printed, StringComparison.Ordinal);
        Assert.Equal(install, install with { }); // equality is untouched
    }

    [Fact]
    public void A_delivery_printed_shows_neither_its_token_nor_its_response_url_nor_whom_it_is_for()
    {
        var delivery = new SlackDelivery(
            "xoxb-1234-secret", new SlackPlace("T0PRACTICE", "D0ALEX", null), "U0ALEX", ResponseUrl: new Uri("https://hooks.slack.com/commands/T0/1/s3cret"));

        var printed = delivery.ToString();

        Assert.DoesNotContain("xoxb-1234-secret", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("U0ALEX", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_work_item_printed_shows_its_kind_and_workspace_only()
    {
        var place = new SlackPlace("T0PRACTICE", "D0ALEX", null);
        SlackWork[] work =
        [
            new TurnWork(place, "U0ALEX", "Ev1", Text: "my client Jane Doe"),
            new CommandTurnWork(place, "U0ALEX", "cmd-1", "Jane Doe", new Uri("https://hooks.slack.com/commands/T0/1/s3cret")),
        ];

        foreach (var item in work)
        {
            var printed = item.ToString();
            Assert.Contains("T0PRACTICE", printed, StringComparison.Ordinal);
            Assert.DoesNotContain("Jane Doe", printed, StringComparison.Ordinal);
            Assert.DoesNotContain("U0ALEX", printed, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret", printed, StringComparison.Ordinal);
        }
    }
}
